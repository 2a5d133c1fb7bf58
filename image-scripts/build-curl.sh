#!/bin/bash
# libcurl into /opt/_internal/curl, for git's HTTPS transport where the system curl is too old.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

openssl=$(find /opt/_internal -maxdepth 1 -name 'openssl-*' -type d | head -n 1)
src=$(fetch_source curl /tmp/curl)
cd "${src}"
./configure --prefix=/opt/_internal/curl --disable-static --without-libpsl \
	--with-openssl="${openssl:-/usr}" --with-ca-bundle=/opt/_internal/certs.pem \
	LDFLAGS="${LDFLAGS} -Wl,-rpath,${openssl:-/usr}/lib"
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
rm -rf /tmp/curl
