#!/bin/bash
# libmpdec into its prefix (sources.tsv; CPython's decimal module uses it with --with-system-libmpdec).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

prefix=$(source_field mpdecimal prefix)
src=$(fetch_source mpdecimal /tmp/mpdecimal)
cd "${src}"
./configure --prefix="${prefix}" --disable-cxx
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
rm -rf /tmp/mpdecimal "${ROOTFS}${prefix}"/lib/libmpdec.a "${ROOTFS}${prefix}"/share/doc/mpdecimal
