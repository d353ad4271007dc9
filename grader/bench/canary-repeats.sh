#!/usr/bin/env bash
# Every canary test, RUNS times: each known-broken implementation must be rejected every time.
#   grader/bench/canary-repeats.sh [RUNS]     (default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
clean=0
for i in $(seq 1 "$runs"); do
  if mvn -B verify -Pselftest -Dtest='*CanariesTest' -Dsurefire.failIfNoSpecifiedTests=false > /tmp/canaries.$$.log 2>&1; then
    clean=$((clean + 1))
    echo "run $i: $(grep -E 'Tests run: [0-9]+, Failures: 0, Errors: 0' /tmp/canaries.$$.log | tail -1 | sed 's/\[INFO\] //')"
  else
    echo "run $i: A CANARY GOT THROUGH"; grep -E '<<< FAIL|expected' /tmp/canaries.$$.log | head -10
  fi
done
echo "every canary rejected in $clean of $runs runs"
rm -f /tmp/canaries.$$.log
