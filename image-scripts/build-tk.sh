#!/bin/bash
# Tk into /usr/local (the Tcl stage's files are already in /usr/local).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

src=$(fetch_source tk /tmp/tk)
cd "${src}/unix"
./configure --prefix=/usr/local --enable-shared --enable-threads --with-tcl=/usr/local/lib
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
rm -rf /tmp/tk
