#!/bin/bash
# OpenSSL into its own prefix (sources.tsv), on bases whose system OpenSSL is older than 1.1.1:
# libraries with an rpath to themselves; the image keeps the shared libraries only.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

prefix=$(source_field openssl prefix)
atomic=()
if [ "$(fleet_value ARCH)" = "i686" ]; then
	atomic=(-latomic) # 64-bit atomics on 32-bit x86
fi
src=$(fetch_source openssl /tmp/openssl)
cd "${src}"
./Configure --prefix="${prefix}" --openssldir="${prefix}" --libdir=lib no-afalgeng \
	CPPFLAGS="${CPPFLAGS}" CFLAGS="${CFLAGS}" CXXFLAGS="${CXXFLAGS}" \
	LDFLAGS="${LDFLAGS} -Wl,-rpath,\$(LIBRPATH) ${atomic[*]}" > /dev/null
# The libraries, modules and the openssl command only: the test programs are not built.
make -j"$(nproc)" build_sw > /dev/null
make install_sw DESTDIR="${ROOTFS}" > /dev/null
cd /
rm -rf /tmp/openssl "${ROOTFS}${prefix}"/lib/*.a
strip_tree "${ROOTFS}"
native_buildfs
# Build stages get the whole install; the image keeps the versioned shared libraries and modules.
rm -rf "${ROOTFS:?}${prefix}/bin" "${ROOTFS}${prefix}/include" "${ROOTFS}${prefix}/lib/pkgconfig" "${ROOTFS}${prefix}"/lib/*.so
LD_LIBRARY_PATH="${BUILDFS}${prefix}/lib" "${BUILDFS}${prefix}/bin/openssl" version
