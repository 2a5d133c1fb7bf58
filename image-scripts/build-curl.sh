#!/bin/bash
# libcurl into its prefix (sources.tsv), for git's HTTPS transport where the system curl is too old.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

openssl=$(source_field openssl prefix)
src=$(fetch_source curl /tmp/curl)
cd "${src}"
./configure --prefix="$(source_field curl prefix)" --disable-static --without-libpsl \
	--with-openssl="${openssl:-/usr}" --with-ca-bundle="${CERTS_PEM}" \
	LDFLAGS="${LDFLAGS} -Wl,-rpath,${openssl:-/usr}/lib"
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
rm -rf /tmp/curl
