#!/bin/bash
# libcurl into its own prefix (sources.tsv), against the OpenSSL built from source when the image
# has one: git's HTTPS transport where the system curl is too old. The image keeps libcurl only.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

prefix=$(source_field curl prefix)
openssl=$(source_field openssl prefix)
ssl_options=(--with-openssl)
rpath="-Wl,-rpath,\$(libdir)"
if [ -n "${openssl}" ]; then
	ssl_options=("--with-openssl=${openssl}")
	rpath="${rpath} -Wl,-rpath,${openssl}/lib"
fi
src=$(fetch_source curl /tmp/curl)
cd "${src}"
./configure --prefix="${prefix}" --disable-static --without-libpsl "${ssl_options[@]}" --with-ca-bundle="${CERTS_PEM}" \
	LDFLAGS="${LDFLAGS} ${rpath}" > /dev/null
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
cd /
rm -rf /tmp/curl "${ROOTFS}${prefix}/share"
[ -e "${ROOTFS}${prefix}/lib/libcurl.so.4" ] || die "curl ${src##*/}: no libcurl.so.4 (the soname git links against)"
strip_tree "${ROOTFS}"
native_buildfs
find "${ROOTFS}${prefix}" -mindepth 1 -maxdepth 1 ! -name lib -exec rm -rf {} +
find "${ROOTFS}${prefix}/lib" -mindepth 1 ! -name 'libcurl.so.4*' -exec rm -rf {} +
LD_LIBRARY_PATH="${BUILDFS}${prefix}/lib" "${BUILDFS}${prefix}/bin/curl" --version | head -n 1
