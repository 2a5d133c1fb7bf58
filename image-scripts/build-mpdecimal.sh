#!/bin/bash
# libmpdec into /usr/local (CPython's decimal module uses it with --with-system-libmpdec).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

src=$(fetch_source mpdecimal /tmp/mpdecimal)
cd "${src}"
./configure --prefix=/usr/local --disable-cxx
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
rm -rf /tmp/mpdecimal "${ROOTFS}"/usr/local/lib/libmpdec.a "${ROOTFS}"/usr/local/share/doc/mpdecimal
