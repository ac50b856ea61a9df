#!/usr/bin/env bash
# Startup figures of the headline demos, for the closing note of issue 5:
#  - warm: median of 5 runs of each demo against the sandbox, next to a JBang hello-world with the
#    same //DEPS and //SOURCES lines (so the same JVM options from scripts/lib) and CDS, as the
#    catalog gives the demo (interleaved, same run), and their
#    ratio (target: ≤ 1.3×);
#  - first run: the demo with an empty JBang cache (resolve from the local Maven repository + compile).
# Usage: bench/demo-startup.sh [alias ...]   (default: sigv4 policy-sim assume-role multipart)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jbang="$root/jbang"
port=${BENCH_PORT:-4610}
runs=5
demos=("$@")
[ ${#demos[@]} -gt 0 ] || demos=(sigv4 policy-sim assume-role multipart)
work=$(mktemp -d)
export COURSE_SANDBOX_PORT=$port COURSE_SANDBOX_HOME="$work/sandbox" NO_COLOR=1
# The sandbox is the target: no AWS credentials or endpoint from the caller's environment.
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_ENDPOINT_URL
export HOME="$work/home" && mkdir -p "$HOME"
export JBANG_DIR=${JBANG_DIR:-$(eval echo ~"$(id -un)")/.jbang}
export JBANG_REPO=${JBANG_REPO:-$(eval echo ~"$(id -un)")/.m2/repository}

cleanup() {
  "$jbang" sandbox stop --port "$port" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

cd "$root"
"$jbang" sandbox start --port "$port" >/dev/null

millis() { date +%s%3N; }

# Runs a command once and prints its wall time in ms; fails loudly if the command fails.
timed() {
  local start end
  start=$(millis)
  if ! "$@" >"$work/out.txt" 2>&1; then
    echo "failed: $*" >&2
    cat "$work/out.txt" >&2
    exit 1
  fi
  end=$(millis)
  echo $((end - start))
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The script an alias points at (the catalog lists "script-ref" on the line after the alias name).
script_of() {
  grep -A1 "\"$1\": {" jbang-catalog.json | sed -n 's/.*"script-ref": *"\([^"]*\)".*/\1/p'
}

printf '%-12s %10s %10s %7s %12s\n' demo "warm (ms)" "hello (ms)" ratio "first (ms)"
for demo in "${demos[@]}"; do
  script=$(script_of "$demo")
  [ -n "$script" ] || { echo "no alias $demo in jbang-catalog.json" >&2; exit 1; }
  # A hello-world with the demo's own //DEPS and //SOURCES lines (the JVM options come with
  # scripts/lib's), run with CDS as the catalog runs the demo.
  hello="$work/hello_${demo//-/_}.java"
  { grep -E '^//(JAVA|RUNTIME_OPTIONS|DEPS|CDS)( |$)' "$script"
    grep -E '^//SOURCES ' "$script" | sed "s|^//SOURCES \(.*\)|//SOURCES $root/$(dirname "$script")/\1|"
    echo "class hello_${demo//-/_} { public static void main(String[] args) { System.out.println(\"hello\"); } }"; } >"$hello"

  # First run: an empty JBang cache, so dependencies are resolved and the script compiled.
  first=$(JBANG_CACHE_DIR="$work/cache-$demo" timed "$jbang" "$demo")

  # Warm: both built once, then timed alternately.
  timed "$jbang" "$demo" >/dev/null
  timed "$jbang" run --cds "$hello" >/dev/null
  demo_times=() hello_times=()
  for _ in $(seq $runs); do
    demo_times+=("$(timed "$jbang" "$demo")")
    hello_times+=("$(timed "$jbang" run --cds "$hello")")
  done
  d=$(median "${demo_times[@]}")
  h=$(median "${hello_times[@]}")
  printf '%-12s %10s %10s %6.2fx %12s\n' "$demo" "$d" "$h" "$(echo "$d / $h" | bc -l)" "$first"
done
echo "(median of $runs warm runs each, against the sandbox on 127.0.0.1:$port; first run: empty JBang cache, local Maven repository)"
