#!/bin/bash
# OpenSSL into its prefix (sources.tsv): only on bases whose system OpenSSL is older than 1.1.1.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

prefix=$(source_field openssl prefix)
src=$(fetch_source openssl /tmp/openssl)
cd "${src}"
./config no-afalgeng shared --prefix="${prefix}" --openssldir="${prefix}" --libdir=lib "-Wl,-rpath,${prefix}/lib"
make -j"$(nproc)" > /dev/null
make install_sw DESTDIR="${ROOTFS}" > /dev/null
rm -rf /tmp/openssl "${ROOTFS}${prefix}"/lib/*.a
