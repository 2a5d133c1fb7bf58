#!/bin/bash
# Tk into its prefix (sources.tsv), against the Tcl stage's files.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

src=$(fetch_source tk /tmp/tk)
cd "${src}/unix"
./configure --prefix="$(source_field tk prefix)" --enable-shared --enable-threads --with-tcl="$(source_field tcl prefix)/lib"
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
rm -rf /tmp/tk
