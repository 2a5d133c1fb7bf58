#!/bin/bash
# libxcrypt into its prefix (sources.tsv): libcrypt.so.2 plus the glibc-compatible libcrypt.so.1.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

src=$(fetch_source libxcrypt /tmp/libxcrypt)
cd "${src}"
./configure --prefix="$(source_field libxcrypt prefix)" --disable-static --enable-hashes=all --enable-obsolete-api=glibc
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
rm -rf /tmp/libxcrypt
