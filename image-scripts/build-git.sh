#!/bin/bash
# git into /usr/local (sources.tsv): a current git for the VCS dependencies wheels build from,
# linked against the curl and OpenSSL built from source when the image has them.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

src=$(fetch_source git /tmp/git)
cd "${src}"
ldflags="${LDFLAGS}"
options=("prefix=$(source_field git prefix)" NO_GETTEXT=1 NO_TCLTK=1 NO_PERL=1 INSTALL_SYMLINKS=1 INSTALL_STRIP=-s)
curl=$(source_field curl prefix)
if [ -n "${curl}" ]; then
	options+=("CURLDIR=${curl}" "CURL_LDFLAGS=-Wl,-rpath,${curl}/lib -L${curl}/lib -lcurl")
fi
openssl=$(source_field openssl prefix)
if [ -n "${openssl}" ]; then
	options+=("OPENSSLDIR=${openssl}")
	ldflags="${ldflags} -Wl,-rpath,${openssl}/lib"
fi
if [ "$(fleet_value LIBC)" = "musl" ]; then
	options+=(NO_REGEX=NeedsStartEnd)
fi
options+=("CPPFLAGS=${CPPFLAGS}" "CFLAGS=${CFLAGS}" "LDFLAGS=${ldflags}")
make -j"$(nproc)" "${options[@]}" all > /dev/null
make "${options[@]}" install DESTDIR="${ROOTFS}" > /dev/null
cd /
rm -rf /tmp/git
native_buildfs
"${ROOTFS}$(source_field git prefix)/bin/git" --version
