#!/usr/bin/env bash
# Warm start-up of a demo in this tree against the same demo at an earlier commit, interleaved in
# one run against one sandbox: wall time and CPU time (user+sys, which other processes' load
# disturbs less), median of N runs each. Both run as `jbang ALIAS` from their own tree's catalog
# through this tree's launcher, so only the scripts and the catalog differ.
# Usage: bench/startup-compare.sh [COMMIT] [ALIAS] [RUNS]   (default: HEAD~1 whoami 9)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
commit=${1:-HEAD~1} alias=${2:-whoami} runs=${3:-9}
port=${BENCH_PORT:-4612}
work=$(mktemp -d)
export COURSE_SANDBOX_PORT=$port COURSE_SANDBOX_HOME="$work/sandbox" NO_COLOR=1
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_REGION
export JBANG_DIR=${JBANG_DIR:-$(eval echo ~"$(id -un)")/.jbang}
export JBANG_REPO=${JBANG_REPO:-$(eval echo ~"$(id -un)")/.m2/repository}
export HOME="$work/home" && mkdir -p "$HOME"
cleanup() {
  "$root/jbang" sandbox stop --port "$port" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/before"
git -C "$root" archive "$commit" scripts jbang-catalog.json | tar -x -C "$work/before"
(cd "$root" && ./jbang sandbox start --port "$port" >/dev/null)

# Prints "wall_ms cpu_ms" of one run of the alias from the given tree; fails loudly if the demo fails.
TIMEFORMAT='%R %U %S'
one() {
  local times
  times=$( { time (cd "$1" && "$root/jbang" "$alias" >"$work/out.txt" 2>&1); } 2>&1 ) || { cat "$work/out.txt" >&2; exit 1; }
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<<"$times"
}
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# Twice each first: builds, CDS archives, page cache.
for _ in 1 2; do one "$work/before" >/dev/null; one "$root" >/dev/null; done
: >"$work/before.txt"; : >"$work/after.txt"
for _ in $(seq "$runs"); do
  one "$work/before" >>"$work/before.txt"
  one "$root" >>"$work/after.txt"
done
printf '%-24s %10s %10s\n' "$alias" "wall (ms)" "cpu (ms)"
printf '%-24s %10s %10s\n' "at $(git -C "$root" rev-parse --short "$commit")" "$(cut -d' ' -f1 "$work/before.txt" | median)" "$(cut -d' ' -f2 "$work/before.txt" | median)"
printf '%-24s %10s %10s\n' "this tree" "$(cut -d' ' -f1 "$work/after.txt" | median)" "$(cut -d' ' -f2 "$work/after.txt" | median)"
echo "(median of $runs warm runs each, interleaved, sandbox on 127.0.0.1:$port; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
