#!/bin/bash
# Installs the headers needed only to compile CPython and the native dependencies (build
# stages only: the final image derives from the runtime stage).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

pkg_refresh
mapfile -t packages < <(fleet_list build)
pkg_install "${packages[@]}"
pkg_clean
