#!/bin/bash
# Derived images: installs the packages a derived image adds on top of a fleet image, and
# writes the image's SBOM again (write-sbom.py, from the parent's build folder).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

pkg_refresh
mapfile -t packages < <(fleet_list derived)
pkg_install "${packages[@]}"
run_ldconfig
pkg_clean
# The parent's SBOM, written again with this image's name and every distro package now installed.
"${TOOLS_VENV}/bin/python" "${BUILD_DIR}/write-sbom.py"
log "added ${#packages[@]} packages to $(fleet_value POLICY)_$(fleet_value ARCH)"
