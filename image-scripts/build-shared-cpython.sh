#!/bin/bash
# build-shared-cpython.sh X.Y: an --enable-shared CPython X.Y into the prefix shared-cpython.tsv
# gives it (for tools that embed libpython, such as PyInstaller), from the same pinned source
# as the image's GIL CPython X.Y.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=cpython-lib.sh
source "$(dirname "$0")/cpython-lib.sh"

python_version=$1
IFS=$'\x1f' read -r tag prefix < <(tsv_row shared-cpython.tsv python_version "${python_version}" tag prefix) || true
[ -n "${prefix:-}" ] || die "no shared CPython ${python_version} in this image"
IFS=$'\x1f' read -r version url sha256 mirror < <(tsv_row interpreters.tsv tag "${tag}" version url sha256 mirror) || true
[ -n "${url:-}" ] || die "no CPython ${python_version} (${tag}) in this image"

mapfile -t options < <(cpython_configure_options "${version}")
compile_cpython "${version}" "${url}" "${sha256}" "${mirror}" "-Wl,-rpath,${prefix}/lib" \
	--prefix="${prefix}" --enable-shared --with-ensurepip=no --enable-ipv6 "${options[@]}"
rm -rf "${prefix}"/lib/python*/test
log "shared CPython ${version} in ${prefix} (from ${tag})"
