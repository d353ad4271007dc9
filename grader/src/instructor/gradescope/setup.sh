#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder's image: a JDK 17 and Maven from Ubuntu's
# packages, then the kit (kit/) is built and its runtime classpath written down, so run_autograder
# needs neither Maven nor the network.
#   AUTOGRADER_ROOT  where Gradescope's /autograder is (to try this on any machine)
#   LAB_MAVEN_ARGS   extra Maven arguments (for example -o with a warm local repository)
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
KIT="$ROOT/source/kit"

has_bwrap() {
  command -v bwrap >/dev/null 2>&1 && command -v setpriv >/dev/null 2>&1 && command -v prlimit >/dev/null 2>&1
}
has_jdk17() {
  command -v javac >/dev/null 2>&1 && javac -version 2>&1 | grep -Eq 'javac (1[7-9]|[2-9][0-9])'
}
if ! has_jdk17 || ! command -v mvn >/dev/null 2>&1 || ! has_bwrap; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # bubblewrap: the OS sandbox every grading JVM runs in (where the container allows namespaces; otherwise
  # run_autograder falls back to a user of its own per process, which util-linux's setpriv and prlimit give).
  apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless maven bubblewrap util-linux
fi

cd "$KIT"
# shellcheck disable=SC2086
mvn -B -ntp ${LAB_MAVEN_ARGS:-} -DskipTests -Dgrade.skip=true package \
  dependency:build-classpath -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime
test -s "$KIT/grader/target/runtime-classpath.txt"
# The kit (hidden checks' sources and classes included) is root's alone: submitted code, which runs as other
# users or in a sandbox that sees only what grading needs, can never read it.
if [ "$(id -u)" = 0 ]; then
  chmod -R go-rwx "$ROOT/source"
fi
echo "Concurrency Lab autograder ready in $KIT"
