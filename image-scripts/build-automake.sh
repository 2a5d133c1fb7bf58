#!/bin/bash
# automake into /usr/local (sources.tsv), unless the distro's is as new. Either way each aclocal
# also searches the other's macro folder (dirlist), so m4 files installed by distro packages and
# by /usr/local builds (libtool.m4) are found by whichever aclocal runs.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

prefix=$(source_field automake prefix)
system_acdir=$(aclocal --print-ac-dir)
if distro_not_older automake automake; then
	log "automake: the distro's is not older than the source's; not built"
	mkdir -p "${ROOTFS}${system_acdir}"
	{ cat "${system_acdir}/dirlist" 2>/dev/null || true; echo "${prefix}/share/aclocal"; } > "${ROOTFS}${system_acdir}/dirlist"
	native_buildfs
	exit 0
fi
src=$(fetch_source automake /tmp/automake)
cd "${src}"
./configure --prefix="${prefix}" > /dev/null
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
cd /
rm -rf /tmp/automake "${ROOTFS}${prefix}"/share/{man,info,doc}
mkdir -p "${ROOTFS}${prefix}/share/aclocal"
echo "${system_acdir}" >> "${ROOTFS}${prefix}/share/aclocal/dirlist"
native_buildfs
