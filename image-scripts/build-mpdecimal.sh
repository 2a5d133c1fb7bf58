#!/bin/bash
# libmpdec into its own prefix (sources.tsv) with an rpath in its pkg-config file: CPython 3.13+
# finds it through pkg-config and uses it for the decimal module.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

prefix=$(source_field mpdecimal prefix)
src=$(fetch_source mpdecimal /tmp/mpdecimal)
cd "${src}"
pc_rpath libmpdec/.pc/libmpdec.pc.in
./configure --prefix="${prefix}" --enable-shared --enable-pc --disable-doc --disable-static --disable-cxx > /dev/null
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
cd /
rm -rf /tmp/mpdecimal
strip_tree "${ROOTFS}"
native_buildfs
native_pkgconfig "${prefix}/lib/pkgconfig/libmpdec.pc"
# The image keeps the library only.
rm -rf "${ROOTFS}${prefix}/lib/pkgconfig" "${ROOTFS}${prefix}/include"
