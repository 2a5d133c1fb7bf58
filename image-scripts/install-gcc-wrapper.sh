#!/bin/bash
# Where the distro's gcc targets x86-64-v2 by default (GCC_WRAPPER in image.env), puts a wrapper
# first on PATH (as gcc/g++/gfortran/cc/c++) that adds -march=x86-64 -mtune=generic unless
# -march is given, so wheels run on every x86-64 CPU.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

install -m 0755 "${BUILD_DIR}/manylinux-gcc-wrapper" "${BIN_DIR}/manylinux-gcc-wrapper"
for name in gcc g++ gfortran cc c++; do
	ln -sf manylinux-gcc-wrapper "${BIN_DIR}/${name}"
done
log "gcc wrapper installed: plain x86-64 code by default"
