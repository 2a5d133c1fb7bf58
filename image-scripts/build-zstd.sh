#!/bin/bash
# libzstd into its prefix (sources.tsv; CPython 3.14's compression.zstd needs >= 1.4.5).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

src=$(fetch_source zstd /tmp/zstd)
make -C "${src}/lib" -j"$(nproc)" lib-release > /dev/null
make -C "${src}/lib" install-pc install-includes install-shared PREFIX="$(source_field zstd prefix)" DESTDIR="${ROOTFS}" > /dev/null
rm -rf /tmp/zstd
