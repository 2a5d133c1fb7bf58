#!/bin/bash
# SQLite into its own prefix (sources.tsv) with an rpath in its pkg-config file, so CPython's
# sqlite3 module (and anything linked through pkg-config) loads this library, not the distro's.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

prefix=$(source_field sqlite3 prefix)
src=$(fetch_source sqlite3 /tmp/sqlite)
cd "${src}"
pc_rpath sqlite3.pc.in
./configure --prefix="${prefix}" --enable-all > /dev/null
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
cd /
rm -rf /tmp/sqlite "${ROOTFS}${prefix}"/lib/libsqlite3.a "${ROOTFS}${prefix}/share"
strip_tree "${ROOTFS}"
native_buildfs
native_pkgconfig "${prefix}/lib/pkgconfig/sqlite3.pc"
"${ROOTFS}${prefix}/bin/sqlite3" --version
