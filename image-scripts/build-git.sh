#!/bin/bash
# git into its prefix (sources.tsv): a current git for the VCS dependencies wheels build from.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

src=$(fetch_source git /tmp/git)
cd "${src}"
options=("prefix=$(source_field git prefix)" NO_GETTEXT=1 NO_TCLTK=1 NO_PERL=1 INSTALL_SYMLINKS=1 INSTALL_STRIP=-s)
curl=$(source_field curl prefix)
if [ -n "${curl}" ]; then
	options+=("CURLDIR=${curl}" "CURL_LDFLAGS=-Wl,-rpath,${curl}/lib -L${curl}/lib -lcurl")
fi
openssl=$(source_field openssl prefix)
if [ -n "${openssl}" ]; then
	options+=(OPENSSLDIR="${openssl}" "LDFLAGS=${LDFLAGS} -Wl,-rpath,${openssl}/lib")
fi
if [ "$(fleet_value LIBC)" = "musl" ]; then
	options+=(NO_REGEX=NeedsStartEnd)
fi
make -j"$(nproc)" "${options[@]}" all > /dev/null
make "${options[@]}" install DESTDIR="${ROOTFS}" > /dev/null
rm -rf /tmp/git
