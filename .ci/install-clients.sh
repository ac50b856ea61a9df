#!/bin/sh
# Installs the S3 clients the sandbox's client tests run against (AWS CLI v2, boto3, s3cmd).
# Idempotent and quiet: does nothing when all three are present; the tests skip any that are missing.
set -eu
if [ -x /usr/bin/aws ] && /usr/bin/python3 -c 'import boto3' 2>/dev/null && command -v s3cmd >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq awscli python3-boto3 s3cmd >/dev/null
