#!/bin/bash
# Derived images: installs the packages a derived image adds on top of a fleet image.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

pkg_refresh
mapfile -t packages < <(fleet_list derived)
pkg_install "${packages[@]}"
run_ldconfig
pkg_clean
log "added ${#packages[@]} packages to $(fleet_value POLICY)_$(fleet_value ARCH)"
