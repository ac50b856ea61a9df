#!/usr/bin/env bash
# Foundation figures (issue 2), printed in milliseconds:
#  - cold: a copy of the launcher with an empty .jbang/lib, JBang home and Maven repository,
#    running `./jbang whoami` (fetches JBang, the SDK and picocli from Maven Central, compiles
#    the sandbox and the demo, starts the sandbox, calls STS);
#  - warm `./jbang whoami`, median of 5, sandbox already running;
#  - sandbox start-to-ready (`./jbang sandbox start` returns once /_sandbox/health answers),
#    median of 5, each followed by a stop.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
port=${BENCH_PORT:-4620}
trap '"$root/jbang" sandbox stop --port "$port" >/dev/null 2>&1 || true; COURSE_SANDBOX_PORT=$((port + 1)) "$work/clone/jbang" sandbox stop --port $((port + 1)) >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_ENDPOINT_URL
export NO_COLOR=1 COURSE_SANDBOX_HOME="$work/state"

millis() { date +%s%3N; }
timed() {
  local start
  start=$(millis)
  "$@" >"$work/out.txt" 2>&1 || { echo "failed: $*" >&2; cat "$work/out.txt" >&2; exit 1; }
  echo $(($(millis) - start))
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

git -C "$root" archive --format=tar HEAD | (mkdir -p "$work/clone" && tar -x -C "$work/clone")
cold=$(cd "$work/clone" && HOME="$work/home" JBANG_DIR="$work/home/.jbang" JBANG_REPO="$work/home/.m2/repository" \
  COURSE_SANDBOX_PORT=$((port + 1)) timed ./jbang whoami)
echo "cold ./jbang whoami (empty .jbang/lib, JBang home, Maven repository): $cold ms"

cd "$root"
export COURSE_SANDBOX_PORT=$port
./jbang sandbox start --port "$port" >/dev/null
timed ./jbang whoami >/dev/null
warm=()
for _ in 1 2 3 4 5; do warm+=("$(timed ./jbang whoami)"); done
echo "warm ./jbang whoami: median $(median "${warm[@]}") ms (${warm[*]})"
./jbang sandbox stop --port "$port" >/dev/null

ready=()
for _ in 1 2 3 4 5; do
  ready+=("$(timed ./jbang sandbox start --port "$port")")
  ./jbang sandbox stop --port "$port" >/dev/null
done
echo "sandbox start-to-ready: median $(median "${ready[@]}") ms (${ready[*]})"
