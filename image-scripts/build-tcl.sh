#!/bin/bash
# Tcl into its prefix (sources.tsv), for CPython's tkinter where the distro's Tcl is too old.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

src=$(fetch_source tcl /tmp/tcl)
cd "${src}/unix"
./configure --prefix="$(source_field tcl prefix)" --enable-shared --enable-threads
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
rm -rf /tmp/tcl
