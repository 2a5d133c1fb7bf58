#!/bin/bash
# libtool (libtoolize, libtool.m4, libltdl) into /usr/local (sources.tsv): images install no
# distro libtool.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

prefix=$(source_field libtool prefix)
src=$(fetch_source libtool /tmp/libtool)
cd "${src}"
./configure --prefix="${prefix}" > /dev/null
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
cd /
rm -rf /tmp/libtool "${ROOTFS}${prefix}"/share/{man,info} "${ROOTFS}${prefix}"/lib/libltdl.a
strip_tree "${ROOTFS}"
native_buildfs
