#!/bin/bash
# Makes the native dependencies copied into the CPython build stage visible to the linker.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

run_ldconfig
log "native dependencies for CPython: $(tsv_rows sources.tsv name | paste -sd ' ' -)"
