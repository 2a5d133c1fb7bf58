#!/bin/bash
# install-cross-host.sh: the root the cross stages run in, on the build machine (the image's
# distro release for the build machine's arch): its packages/cross-host.txt installed, i.e. a
# native compiler for the build's own CPython, the cross toolchain, pkg-config, curl, xz, file.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=cross-lib.sh
source "$(dirname "$0")/cross-lib.sh"

pkg_refresh
mapfile -t packages < <(fleet_list cross-host)
pkg_install "${packages[@]}"
pkg_clean
log "cross host for $(cross_value CROSS_TRIPLE) ($(cross_value CROSS_KIND)): ${#packages[@]} packages"
