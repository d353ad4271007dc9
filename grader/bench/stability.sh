#!/usr/bin/env bash
# Stability under load: grade the solutions RUNS times while a busy loop keeps one core occupied,
# and count how many runs scored full marks.
#   grader/bench/stability.sh [RUNS] [maven args...]     (default 20 runs of -Psolutions)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-20}"; shift || true
args=("$@"); [ ${#args[@]} -gt 0 ] || args=(-Psolutions)
( while :; do :; done ) & burner=$!
trap 'kill $burner 2>/dev/null' EXIT
full=0
for i in $(seq 1 "$runs"); do
  if mvn -B -q verify "${args[@]}" > /tmp/stability.$$.log 2>&1; then
    full=$((full + 1)); echo "run $i: $(python3 -c 'import json; d=json.load(open("grader/target/grade/results.json")); print("%d/%d" % (d["score"], d["max_score"]))')"
  else
    echo "run $i: NOT FULL MARKS"; grep -A3 'Failed checks' /tmp/stability.$$.log | head -20
  fi
done
echo "full marks in $full of $runs runs under load (mvn -B -q verify ${args[*]}, one core kept busy)"
rm -f /tmp/stability.$$.log
