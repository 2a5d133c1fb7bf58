#!/bin/bash
# Tcl into /usr/local (sources.tsv), for CPython's tkinter where the distro's Tcl is too old.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

prefix=$(source_field tcl prefix)
src=$(fetch_source tcl /tmp/tcl)
cd "${src}/unix"
./configure --prefix="${prefix}" --enable-shared --enable-threads > /dev/null
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
cd /
# No manual pages (on Debian /usr/local/man is a link: a folder there cannot be copied over it).
rm -rf /tmp/tcl "${ROOTFS}${prefix}"/lib/libtclstub*.a "${ROOTFS}${prefix}/man" "${ROOTFS}${prefix}/share/man"
strip_tree "${ROOTFS}"
native_buildfs
# The pkg-config file of the image no longer names the removed stub library.
sed -i 's/ -ltclstub[0-9.]*//' "${ROOTFS}${prefix}"/lib/pkgconfig/tcl.pc
