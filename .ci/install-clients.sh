#!/usr/bin/env bash
# Installs the real AWS clients the compatibility tests drive (AWS CLI v2 at /usr/bin/aws,
# boto3 for /usr/bin/python3, s3cmd) and the browser of the website test (Debian's chromium)
# when they are missing and we may use apt-get.
# Tests that need a client skip when it is absent, except under CI=true (.ci/run), where they fail.
# Idempotent.
set -uo pipefail
missing=()
[ -x /usr/bin/aws ] || missing+=(awscli)
/usr/bin/python3 -c 'import boto3' 2>/dev/null || missing+=(python3-boto3)
command -v s3cmd >/dev/null 2>&1 || missing+=(s3cmd)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Not installing ${missing[*]} (needs root and apt-get); their tests skip, or fail under CI=true." >&2
  exit 0
fi
echo "Installing ${missing[*]} for the client compatibility tests..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
  || echo "apt-get could not install ${missing[*]}; their tests skip, or fail under CI=true." >&2
exit 0
