#!/usr/bin/env bash
# The smallest Lincheck budget that rejects every canary of each Lincheck check in RUNS runs out of RUNS.
#   grader/bench/lincheck-budgets.sh [RUNS] [BUDGETS]     (default 20 runs; BUDGETS like 2x10,3x30)
# Prints, per check and budget (iterations x invocations), how many runs rejected each canary.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-20}"
mvn -B -q -o test-compile -Pselftest >/dev/null 2>&1 || mvn -B -q test-compile -Pselftest
cd grader
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
flags="-XX:+EnableDynamicAgentLoading -Xshare:off"; java -version 2>&1 | grep -q "version \"1[7-9]\|version \"2[0-3]" || flags="$flags --sun-misc-unsafe-memory-access=allow"
agent=$(tr ':' '\n' < target/bench-cp.txt | grep byte-buddy-agent | head -1)
java -Xmx1g -XX:TieredStopAtLevel=1 $flags -javaagent:"$agent" \
  -cp "target/test-classes:target/classes:../solutions/target/classes:$(cat target/bench-cp.txt)" \
  lab.grader.bench.LincheckBudgets "$runs" ${2:+"$2"} 2>&1 | grep -v '^\[WARN\]'
