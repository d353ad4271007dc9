#!/usr/bin/env bash
# Grading time of the working tree against another commit, side by side: the whole kit
# (mvn verify -Psolutions) and batch grading of a few submissions (mvn -Pbatch verify), runs
# alternating old, new, old, new ... so that a drift in the machine's speed hits both alike.
#   grader/bench/compare.sh COMMIT [RUNS] [BATCH_SUBMISSIONS_DIR]
#   e.g. grader/bench/compare.sh 7583422 3
# Prints each run's figures, then per-exercise and total medians, and new/old ratios. Load matters:
# the machine's load average is printed at the start and the end; measure on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
base="${1:?give a commit to compare with}"; runs="${2:-3}"; subs="${3:-}"
new="$PWD"
old="$(mktemp -d /tmp/lab-bench-old.XXXXXX)"
trap 'git worktree remove --force "$old" >/dev/null 2>&1 || true' EXIT
git worktree add -q --detach "$old" "$base"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); old = $base, new = working tree"

kit() { # $1 = tree; prints "wall total ex1=s ex2=s ..."
  local log; log=$(mktemp)
  local start end; start=$(date +%s.%N)
  (cd "$1" && mvn -B -q -o verify -Psolutions > "$log" 2>&1) || true
  end=$(date +%s.%N)
  printf '%s ' "$(echo "$end - $start" | bc)"
  grep -o 'graded in [0-9.,]* s' "$log" | tail -1 | grep -o '[0-9.,]*' | tr , . | tr '\n' ' '
  # (Maven's ANSI colour codes may start the first line: removed before matching.)
  sed -E 's/\x1b\[[0-9;]*m//g' "$log" | sed -nE 's/^Grading ([a-z]+) \.\.\. .*\(([0-9.,]+) s\)$/\1=\2/p' | tr , . | tr '\n' ' '
  echo; rm -f "$log"
}
batch() { # $1 = tree; prints "wall seconds-per-submission"
  local n start end; n=$(find "$subs" -mindepth 1 -maxdepth 1 -type d | wc -l)
  rm -rf "$1/target/batch" # a rerun skips students whose sources did not change: grade every one
  start=$(date +%s.%N)
  (cd "$1" && mvn -B -q -o -Pbatch verify -Dsubmissions="$subs" > /dev/null 2>&1) || true
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $(echo "($end - $start) / $n" | bc -l)"
}
declare -a OLD NEW OLDB NEWB
# One untimed run in each tree first: compiling, and anything a first run makes once (the new tree's
# class-data archive of the grading JVMs' libraries), is not what is compared.
for tree in "$old" "$new"; do (cd "$tree" && mvn -B -q -o verify -Psolutions -Dexercise=async > /dev/null 2>&1) || true; done
for i in $(seq 1 "$runs"); do
  o=$(kit "$old"); echo "old kit run $i: wall/graded/per-exercise: $o"; OLD+=("$o")
  n=$(kit "$new"); echo "new kit run $i: wall/graded/per-exercise: $n"; NEW+=("$n")
  if [ -n "$subs" ]; then
    o=$(batch "$old"); echo "old batch run $i: wall, per submission: $o"; OLDB+=("$o")
    n=$(batch "$new"); echo "new batch run $i: wall, per submission: $n"; NEWB+=("$n")
  fi
done
python3 - "$runs" <<PY
import statistics, sys
def parse(rows):
    out = []
    for r in rows:
        f = r.split()
        d = {"wall": float(f[0]), "graded": float(f[1]) if len(f) > 1 and '=' not in f[1] else float('nan')}
        for kv in f[1:]:
            if '=' in kv:
                k, v = kv.split('='); d[k] = float(v)
        out.append(d)
    return out
old = parse("""$(printf '%s\n' "${OLD[@]}")""".strip().splitlines())
new = parse("""$(printf '%s\n' "${NEW[@]}")""".strip().splitlines())
keys = ["wall", "graded"] + [k for k in old[0] if k not in ("wall", "graded")]
print("median of %s runs     old      new   new/old" % sys.argv[1])
for k in keys:
    o = statistics.median(d[k] for d in old if k in d); n = statistics.median(d[k] for d in new if k in d)
    print("%-14s %8.1f %8.1f %8.2f" % (k, o, n, n / o))
ob = """$(printf '%s\n' "${OLDB[@]:-}")""".strip().splitlines(); nb = """$(printf '%s\n' "${NEWB[@]:-}")""".strip().splitlines()
if ob and ob[0]:
    o = statistics.median(float(x.split()[1]) for x in ob); n = statistics.median(float(x.split()[1]) for x in nb)
    print("%-14s %8.1f %8.1f %8.2f" % ("batch s/subm.", o, n, n / o))
PY
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
