#!/usr/bin/env bash
# Start-up figures against the AWS CLI v2 and boto3 (issue 13), warm, in one run, interleaved,
# median of N runs each, against one sandbox:
#  1. `./jbang whoami` vs the demo's JVM alone (the kept launch line, no launcher) vs that JVM
#     on a Temurin 25 with an AOT cache (if installed) vs `aws sts get-caller-identity` vs a
#     boto3 script making the same call;
#  2. each demo (default: whoami policy-sim versioning) vs the AWS CLI making the same calls
#     (same operations, same counts, one `aws` process per call, as a shell script would) and vs a
#     JBang hello-world with the demo's header lines and //SOURCES (so the same JVM options and
#     dependencies) and, as the catalog gives the demo, CDS.
# Targets: ./jbang whoami ≤ 0.8× the AWS CLI; the boto3 ratio is printed for the next goal.
# Usage: bench/startup.sh [-n RUNS] [demo ...]      (Linux: bash 5 or GNU date for the clock)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jbang="$root/jbang"
aws=/usr/bin/aws   # the AWS CLI v2 (a pyenv v1 `aws` may come first on PATH)
python=/usr/bin/python3
port=${BENCH_PORT:-4640}
runs=5
if [ "${1:-}" = -n ]; then runs=$2; shift 2; fi
demos=("$@")
[ ${#demos[@]} -gt 0 ] || demos=(whoami policy-sim versioning)
"$aws" --version 2>&1 | grep -q '^aws-cli/2\.' || { echo "needs the AWS CLI v2 at $aws" >&2; exit 1; }
"$python" -c 'import boto3' || { echo "needs boto3 for $python" >&2; exit 1; }

work=$(mktemp -d)
export COURSE_SANDBOX_PORT=$port COURSE_SANDBOX_HOME="$work/sandbox" NO_COLOR=1
# The demos find the sandbox themselves: no AWS settings from the caller's environment. The CLI
# and boto3 get the sandbox's root keys (in `clients` only).
unset AWS_PROFILE AWS_ENDPOINT_URL AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_REGION AWS_DEFAULT_REGION
export AWS_PAGER="" AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE="$work/aws-config" AWS_SHARED_CREDENTIALS_FILE="$work/aws-credentials"
clients() {
  AWS_ACCESS_KEY_ID=AKIASANDBOXEXAMPLE00 AWS_SECRET_ACCESS_KEY=sandbox/SECRET/root/KEY/EXAMPLE/00000000 AWS_DEFAULT_REGION=us-east-1 "$@"
}
export HOME="$work/home" && mkdir -p "$HOME"
export JBANG_DIR=${JBANG_DIR:-$(eval echo ~"$(id -un)")/.jbang}
export JBANG_REPO=${JBANG_REPO:-$(eval echo ~"$(id -un)")/.m2/repository}
endpoint="http://127.0.0.1:$port"

cleanup() {
  "$jbang" sandbox stop --port "$port" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

cd "$root"
"$jbang" sandbox start --port "$port" >/dev/null

if [ -n "${EPOCHREALTIME:-}" ]; then
  micros() { local t=${EPOCHREALTIME/[.,]/}; echo "$t"; }
else
  micros() { echo $(($(date +%s%N) / 1000)); }
fi

# Runs a command once and prints its wall time in ms; fails loudly if the command fails.
timed() {
  local start end
  start=$(micros)
  if ! "$@" >"$work/out.txt" 2>&1; then
    echo "failed: $*" >&2
    cat "$work/out.txt" >&2
    exit 1
  fi
  end=$(micros)
  echo $(((end - start + 500) / 1000))
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

cli() { clients "$aws" --endpoint-url "$endpoint" "$@"; }

# The AWS CLI making the calls each demo makes (operations and counts as the sandbox logs them).
cli_whoami() { cli sts get-caller-identity; }

cli_policy_sim() {
  local user="bench-sim-$RANDOM" arn allow='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'
  local boundary='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
  cli iam create-user --user-name "$user"
  cli iam put-user-policy --user-name "$user" --policy-name broad --policy-document "$allow"
  arn=$(cli iam create-policy --policy-name "$user-boundary" --policy-document "$boundary" --query Policy.Arn --output text)
  cli iam put-user-permissions-boundary --user-name "$user" --permissions-boundary "$arn"
  cli iam simulate-custom-policy --policy-input-list "$allow" --action-names s3:GetObject
  cli iam simulate-custom-policy --policy-input-list "$allow" --action-names s3:PutObject --resource-arns 'arn:aws:s3:::b/k'
  cli iam simulate-custom-policy --policy-input-list "$boundary" --action-names s3:DeleteObject
  cli iam simulate-principal-policy --policy-source-arn "arn:aws:iam::000000000000:user/$user" --action-names s3:GetObject
  cli iam simulate-principal-policy --policy-source-arn "arn:aws:iam::000000000000:user/$user" --action-names s3:PutObject
  cli iam delete-user-permissions-boundary --user-name "$user"
  cli iam delete-user-policy --user-name "$user" --policy-name broad
  cli iam delete-policy --policy-arn "$arn"
  cli iam delete-user --user-name "$user"
}

cli_versioning() {
  local bucket="bench-versioning-$RANDOM" body="$work/body.txt" v1 v2 v3 other marker
  echo "version" >"$body"
  cli s3api create-bucket --bucket "$bucket"
  cli s3api put-bucket-versioning --bucket "$bucket" --versioning-configuration Status=Enabled
  cli s3api get-bucket-versioning --bucket "$bucket"
  v1=$(cli s3api put-object --bucket "$bucket" --key notes.txt --body "$body" --query VersionId --output text)
  v2=$(cli s3api put-object --bucket "$bucket" --key notes.txt --body "$body" --query VersionId --output text)
  cli s3api list-object-versions --bucket "$bucket"
  cli s3api get-object --bucket "$bucket" --key notes.txt "$work/got.txt"
  cli s3api get-object --bucket "$bucket" --key notes.txt --version-id "$v1" "$work/got.txt"
  marker=$(cli s3api delete-object --bucket "$bucket" --key notes.txt --query VersionId --output text)
  cli s3api list-object-versions --bucket "$bucket"
  cli s3api get-object --bucket "$bucket" --key notes.txt --version-id "$v2" "$work/got.txt"
  cli s3api delete-object --bucket "$bucket" --key notes.txt --version-id "$marker"
  cli s3api list-object-versions --bucket "$bucket"
  cli s3api delete-object --bucket "$bucket" --key notes.txt --version-id "$v1"
  cli s3api list-object-versions --bucket "$bucket"
  cli s3api get-bucket-versioning --bucket "$bucket"
  cli s3api put-bucket-versioning --bucket "$bucket" --versioning-configuration Status=Suspended
  cli s3api get-bucket-versioning --bucket "$bucket"
  v3=$(cli s3api put-object --bucket "$bucket" --key notes.txt --body "$body" --query VersionId --output text)
  other=$(cli s3api put-object --bucket "$bucket" --key other.txt --body "$body" --query VersionId --output text)
  cli s3api get-object --bucket "$bucket" --key notes.txt "$work/got.txt"
  cli s3api get-bucket-versioning --bucket "$bucket"
  cli s3api list-object-versions --bucket "$bucket"
  cli s3api delete-objects --bucket "$bucket" --delete "{\"Objects\":[{\"Key\":\"notes.txt\",\"VersionId\":\"$v2\"},{\"Key\":\"notes.txt\",\"VersionId\":\"$v3\"},{\"Key\":\"other.txt\",\"VersionId\":\"$other\"}]}"
  cli s3api delete-bucket --bucket "$bucket"
}

boto3_whoami() {
  clients "$python" -c 'import boto3, sys; print(boto3.client("sts", endpoint_url=sys.argv[1]).get_caller_identity()["Arn"])' "$endpoint"
}

# The launch line ./jbang keeps for an alias run from here: the demo's JVM without the launcher.
kept_command_of() {
  local file
  for file in "$root"/.jbang/launch/*.sh; do
    if grep -qx "kept_dir=$(printf '%q' "$root")" "$file" && grep -qx "kept_target=$1" "$file"; then
      (. "$file" && printf '%q ' "${kept_command[@]}")
      return
    fi
  done
  echo "no kept launch line for $1 (did ./jbang $1 run?)" >&2
  exit 1
}

# The sandbox log: how many calls a demo makes.
calls_of() {
  local before after
  before=$(wc -l <"$COURSE_SANDBOX_HOME/$port.log")
  "$@" >/dev/null 2>&1
  after=$(wc -l <"$COURSE_SANDBOX_HOME/$port.log")
  echo $((after - before))
}

# A demo's CDS archive as a student's first run records it: one left by a run of another kind
# (before ./jbang stopped --help and failed runs from recording) would hold only part of the classes.
drop_archive() {
  local jar
  jar=$("$jbang" info tools "$1" 2>/dev/null | sed -n 's/^ *"applicationJar": "\(.*\)\.jar",\{0,1\}$/\1/p')
  [ -z "$jar" ] || rm -f "$jar.jsa"
}

# 1. whoami against the AWS CLI and boto3.
drop_archive whoami
timed "$jbang" whoami >/dev/null
timed "$jbang" whoami >/dev/null
eval "demo_jvm=($(kept_command_of whoami))"
# The same JVM on a JDK 25 with an AOT cache (JEP 514/515) instead of the JDK 17 CDS archive, if
# there is a Temurin 25: trained once by a run of the demo.
jdk25=$(ls -d /usr/lib/jvm/*temurin*25*/bin/java 2>/dev/null | head -1 || true)
aot_jvm=()
if [ -n "$jdk25" ]; then
  aot_jvm=("$jdk25")
  for option in "${demo_jvm[@]:1}"; do
    case $option in -XX:SharedArchiveFile=* | -Xshare:*) ;; *) aot_jvm+=("$option") ;; esac
  done
  timed "${aot_jvm[0]}" "-XX:AOTCacheOutput=$work/whoami.aot" "${aot_jvm[@]:1}" >/dev/null
  aot_jvm=("${aot_jvm[0]}" "-XX:AOTCache=$work/whoami.aot" "${aot_jvm[@]:1}")
fi
timed cli_whoami >/dev/null
timed boto3_whoami >/dev/null
jbang_times=() jvm_times=() aot_times=() cli_times=() boto3_times=()
for _ in $(seq "$runs"); do
  jbang_times+=("$(timed "$jbang" whoami)")
  jvm_times+=("$(timed "${demo_jvm[@]}")")
  [ ${#aot_jvm[@]} -eq 0 ] || aot_times+=("$(timed "${aot_jvm[@]}")")
  cli_times+=("$(timed cli_whoami)")
  boto3_times+=("$(timed boto3_whoami)")
done
j=$(median "${jbang_times[@]}") v=$(median "${jvm_times[@]}") c=$(median "${cli_times[@]}") b=$(median "${boto3_times[@]}")
echo "STS GetCallerIdentity, warm, median of $runs (ms), $(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.runtime\.version = /JDK /p'), $("$aws" --version 2>&1 | cut -d' ' -f1), boto3 $("$python" -c 'import boto3; print(boto3.__version__)')"
printf '%-34s %8s %10s %10s\n' "" ms "÷ AWS CLI" "÷ boto3"
printf '%-34s %8s %10s %10s\n' "./jbang whoami" "$j" "$(ratio "$j" "$c")" "$(ratio "$j" "$b")"
printf '%-34s %8s %10s %10s\n' "  its JVM alone (kept launch line)" "$v" "$(ratio "$v" "$c")" "$(ratio "$v" "$b")"
if [ ${#aot_times[@]} -gt 0 ]; then
  a=$(median "${aot_times[@]}")
  printf '%-34s %8s %10s %10s\n' "  its JVM on JDK 25 + AOT cache" "$a" "$(ratio "$a" "$c")" "$(ratio "$a" "$b")"
fi
printf '%-34s %8s %10s %10s\n' "aws sts get-caller-identity" "$c" "1.00x" "$(ratio "$c" "$b")"
printf '%-34s %8s %10s %10s\n' "boto3 get_caller_identity()" "$b" "$(ratio "$b" "$c")" "1.00x"
echo

# 2. Each demo against the AWS CLI making its calls, and against a hello-world with its headers.
script_of() {
  grep -A1 "\"$1\": {" jbang-catalog.json | sed -n 's/.*"script-ref": *"\([^"]*\)".*/\1/p'
}
printf '%-14s %6s %10s %10s %12s %11s %11s\n' demo calls "demo (ms)" "hello (ms)" "AWS CLI (ms)" "÷ AWS CLI" "÷ hello"
for demo in "${demos[@]}"; do
  script=$(script_of "$demo")
  [ -n "$script" ] || { echo "no alias $demo in jbang-catalog.json" >&2; exit 1; }
  hello="$work/hello_${demo//-/_}.java"
  # Its //SOURCES too (scripts/lib carries the shared //DEPS and JVM options), and //CDS when the
  # catalog gives the demo one.
  { grep -E '^//(JAVA|RUNTIME_OPTIONS|DEPS|CDS)( |$)' "$script"
    grep -E '^//SOURCES ' "$script" | sed "s|^//SOURCES |//SOURCES $root/$(dirname "$script")/|"
    grep -A3 "\"$demo\": {" jbang-catalog.json | grep -q '"cds": *true' && echo '//CDS'
    echo "class hello_${demo//-/_} { public static void main(String[] args) { System.out.println(\"hello\"); } }"; } >"$hello"
  cli_calls="cli_${demo//-/_}"
  declare -F "$cli_calls" >/dev/null || cli_calls=""
  # Built, CDS archives written and launch lines kept before timing.
  drop_archive "$demo"
  for _ in 1 2; do timed "$jbang" "$demo" >/dev/null; timed "$jbang" "$hello" >/dev/null; done
  calls=$(calls_of "$jbang" "$demo")
  [ -z "$cli_calls" ] || timed "$cli_calls" >/dev/null
  demo_times=() hello_times=() cli_times=()
  for _ in $(seq "$runs"); do
    demo_times+=("$(timed "$jbang" "$demo")")
    hello_times+=("$(timed "$jbang" "$hello")")
    [ -z "$cli_calls" ] || cli_times+=("$(timed "$cli_calls")")
  done
  d=$(median "${demo_times[@]}") h=$(median "${hello_times[@]}")
  if [ -n "$cli_calls" ]; then
    c=$(median "${cli_times[@]}")
    printf '%-14s %6s %10s %10s %12s %11s %11s\n' "$demo" "$calls" "$d" "$h" "$c" "$(ratio "$d" "$c")" "$(ratio "$d" "$h")"
  else
    printf '%-14s %6s %10s %10s %12s %11s %11s\n' "$demo" "$calls" "$d" "$h" — — "$(ratio "$d" "$h")"
  fi
done
echo "(median of $runs warm runs each, interleaved, sandbox on 127.0.0.1:$port; AWS CLI: one process per call, as the demo's calls; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
