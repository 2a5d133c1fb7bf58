#!/bin/bash
# libzstd (multithreaded) into its own prefix (sources.tsv) with an rpath in its pkg-config file:
# CPython 3.14's compression.zstd finds it through pkg-config.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

prefix=$(source_field zstd prefix)
src=$(fetch_source zstd /tmp/zstd)
pc_rpath "${src}/lib/libzstd.pc.in"
make -C "${src}/lib" -j"$(nproc)" install-includes install-pc install-shared MT=1 prefix="${prefix}" DESTDIR="${ROOTFS}" \
	CPPFLAGS="${CPPFLAGS} -DZSTD_MULTITHREAD" CFLAGS="${CFLAGS} -DZSTD_MULTITHREAD -pthread -fPIC -fvisibility=hidden" \
	LDFLAGS="${LDFLAGS} -shared -pthread" > /dev/null
cd /
rm -rf /tmp/zstd
strip_tree "${ROOTFS}"
native_buildfs
native_pkgconfig "${prefix}/lib/pkgconfig/libzstd.pc"
rm -rf "${ROOTFS}${prefix}/lib/pkgconfig" "${ROOTFS}${prefix}/include"
