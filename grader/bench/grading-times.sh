#!/usr/bin/env bash
# Wall time of grading, median of N runs: the figures the README and the issues quote.
#   grader/bench/grading-times.sh [RUNS] [maven args...]
#   e.g. grader/bench/grading-times.sh 3 -Psolutions -Dexercise=counter
# Prints each run's wall time and the grader's own "graded in" figure, then the medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-3}"; shift || true
walls=(); checks=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  mvn -B -q verify "$@" > /tmp/grading-times.$$.log 2>&1 || true
  end=$(date +%s.%N)
  wall=$(echo "$end - $start" | bc)
  graded=$( (grep -o 'graded in [0-9.,]* s' /tmp/grading-times.$$.log || true) | tail -1 | grep -o '[0-9.,]*' | tr , . || true)
  score=$(python3 -c 'import json; d=json.load(open("grader/target/grade/results.json")); print("%d/%d" % (d["score"], d["max_score"]))' 2>/dev/null || true)
  printf 'run %d: wall %.1f s, checks %s s, %s\n' "$i" "$wall" "${graded:-?}" "${score:-no score}"
  walls+=("$wall"); checks+=("${graded:-0}")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf 'median of %d: wall %.1f s, checks %.1f s  (mvn -B -q verify %s)\n' "$runs" "$(median "${walls[@]}")" "$(median "${checks[@]}")" "$*"
rm -f /tmp/grading-times.$$.log
