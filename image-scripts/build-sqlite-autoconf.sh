#!/bin/bash
# SQLite into its prefix (sources.tsv; CPython's sqlite3 module links it).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

src=$(fetch_source sqlite-autoconf /tmp/sqlite)
cd "${src}"
./configure --prefix="$(source_field sqlite-autoconf prefix)" --disable-static
make -j"$(nproc)" > /dev/null
make install DESTDIR="${ROOTFS}" > /dev/null
rm -rf /tmp/sqlite
