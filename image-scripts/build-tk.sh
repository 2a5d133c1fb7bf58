#!/bin/bash
# Tk into /usr/local (sources.tsv), against the Tcl stage's files.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

prefix=$(source_field tk prefix)
src=$(fetch_source tk /tmp/tk)
cd "${src}/unix"
./configure --prefix="${prefix}" --enable-shared --enable-threads --with-tcl="$(source_field tcl prefix)/lib" > /dev/null
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
cd /
# No manual pages (on Debian /usr/local/man is a link: a folder there cannot be copied over it).
rm -rf /tmp/tk "${ROOTFS}${prefix}"/lib/libtkstub*.a "${ROOTFS}${prefix}/man" "${ROOTFS}${prefix}/share/man"
strip_tree "${ROOTFS}"
native_buildfs
sed -i 's/ -ltkstub[0-9.]*//' "${ROOTFS}${prefix}"/lib/pkgconfig/tk.pc
