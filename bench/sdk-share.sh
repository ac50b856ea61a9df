#!/usr/bin/env bash
# SDK share per demo (issue 13 "Reading"): the share of each demo's statements that call an SDK
# client or build an SDK model. The definitions of "statement" and "SDK statement" are in
# bench/SdkShare.java. Usage: bench/sdk-share.sh [clone]   (default: this clone)
#        bench/sdk-share.sh --list FILE   (each statement of FILE as counted)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exec java "$root/bench/SdkShare.java" "${@:-$root}"
