#!/bin/bash
# git into /usr/local: a current git for the VCS dependencies wheels build from.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

src=$(fetch_source git /tmp/git)
cd "${src}"
options=(prefix=/usr/local NO_GETTEXT=1 NO_TCLTK=1 NO_PERL=1 INSTALL_SYMLINKS=1 INSTALL_STRIP=-s)
if [ -d /opt/_internal/curl ]; then
	options+=(CURLDIR=/opt/_internal/curl "CURL_LDFLAGS=-Wl,-rpath,/opt/_internal/curl/lib -L/opt/_internal/curl/lib -lcurl")
fi
openssl=$(find /opt/_internal -maxdepth 1 -name 'openssl-*' -type d | head -n 1)
if [ -n "${openssl}" ]; then
	options+=(OPENSSLDIR="${openssl}" "LDFLAGS=${LDFLAGS} -Wl,-rpath,${openssl}/lib")
fi
if [ "$(fleet_value LIBC)" = "musl" ]; then
	options+=(NO_REGEX=NeedsStartEnd)
fi
make -j"$(nproc)" "${options[@]}" all > /dev/null
make "${options[@]}" install DESTDIR="${ROOTFS}" > /dev/null
rm -rf /tmp/git
