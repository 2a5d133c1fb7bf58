#!/bin/bash
# build-shared-cpython.sh X.Y: an --enable-shared CPython X.Y into /opt/shared-cpython-X.Y
# (for tools that embed libpython, such as PyInstaller), from the same pinned source.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=cpython-lib.sh
source "$(dirname "$0")/cpython-lib.sh"

python_version=$1
IFS=$'\t' read -r tag _ version _ _ _ url sha256 mirror < <(interpreter_row "${python_version}")
[ -n "${tag:-}" ] || die "no CPython ${python_version} in this image"

prefix="/opt/shared-cpython-${python_version}"
mapfile -t options < <(cpython_configure_options)
compile_cpython "${url}" "${sha256}" "${mirror}" "-Wl,-rpath,${prefix}/lib" \
	--prefix="${prefix}" --enable-shared --with-ensurepip=install --enable-ipv6 "${options[@]}"
rm -rf "${prefix}"/lib/python*/test
log "shared CPython ${version} in ${prefix} (from ${tag})"
