#!/bin/bash
# libxcrypt into /usr/local (sources.tsv): libcrypt.so.2; and, where the base's libcrypt.so.1 is
# glibc's (image.env REPLACE_SYSTEM_LIBCRYPT), a libcrypt.so.1 with glibc's symbol versions that
# replaces it (update-system-packages.sh then deletes the system one).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

prefix=$(source_field libxcrypt prefix)
src=$(fetch_source libxcrypt /tmp/libxcrypt)
cd "${src}"
if [ ! -x configure ]; then
	# A tarball made from git (the Debian archive's) has no generated configure.
	./autogen.sh > /dev/null
fi
./configure --prefix="${prefix}" --disable-static --disable-obsolete-api --enable-hashes=all --disable-werror > /dev/null
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
if [ "$(fleet_value REPLACE_SYSTEM_LIBCRYPT)" = "true" ]; then
	make clean > /dev/null
	# glibc's symbol versions only, as the system libraries linked against glibc's libcrypt expect.
	sed -r -i 's/XCRYPT_([0-9.])+/-/g;s/(%chain OW_CRYPT_1.0).*/\1/g' lib/libcrypt.map.in
	./configure --prefix="${prefix}" --disable-static --disable-xcrypt-compat-files --enable-obsolete-api=glibc \
		--enable-hashes=all --disable-werror > /dev/null
	make -j"$(nproc)" > /dev/null
	make install DESTDIR=/tmp/libcrypt.so.1 > /dev/null
	cp -P /tmp/libcrypt.so.1"${prefix}"/lib/libcrypt.so.1* "${ROOTFS}${prefix}/lib/"
	rm -rf /tmp/libcrypt.so.1
fi
cd /
rm -rf /tmp/libxcrypt "${ROOTFS}${prefix}/share/man"
strip_tree "${ROOTFS}"
native_buildfs
ls "${ROOTFS}${prefix}"/lib/libcrypt.so.*
