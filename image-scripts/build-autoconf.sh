#!/bin/bash
# autoconf into /usr/local (sources.tsv), unless the distro's is as new.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

version=$(source_field autoconf version)
installed=$( (autoconf --version 2>/dev/null || true) | awk 'NR == 1 { print $NF }')
if [ -n "${installed}" ] && version_at_least "${installed}" "${version%%+*}"; then
	log "autoconf: the distro's ${installed} is not older than ${version}; not built"
	native_buildfs
	exit 0
fi
src=$(fetch_source autoconf /tmp/autoconf)
cd "${src}"
./configure --prefix="$(source_field autoconf prefix)" > /dev/null
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
cd /
rm -rf /tmp/autoconf "${ROOTFS}$(source_field autoconf prefix)"/share/{man,info}
native_buildfs
