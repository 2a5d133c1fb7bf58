#!/bin/bash
# autoconf into /usr/local (sources.tsv), unless the distro's is as new.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

if distro_not_older autoconf autoconf; then
	log "autoconf: the distro's is not older than the source's; not built"
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
