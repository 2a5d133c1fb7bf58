#!/bin/bash
# build-cpython.sh TAG: one CPython from its sha256-pinned source tarball into the prefix
# interpreters.tsv gives it (static libpython, as upstream manylinux; finalize.sh packs
# libpython*.a into one archive). The native builds of the image are found through pkg-config
# (PKG_CONFIG_PATH) and cpython-lib.sh.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=cpython-lib.sh
source "$(dirname "$0")/cpython-lib.sh"

tag=$1
IFS=$'\x1f' read -r implementation version free_threaded prefix url sha256 mirror \
	< <(tsv_row interpreters.tsv tag "${tag}" implementation version free_threaded prefix url sha256 mirror) || true
[ "${implementation:-}" = "cpython" ] || die "${tag} is not a CPython of this image"

options=()
if [ "${free_threaded}" = "true" ]; then
	options+=(--disable-gil)
fi
mapfile -t -O "${#options[@]}" options < <(cpython_configure_options "${version}")

compile_cpython "${version}" "${url}" "${sha256}" "${mirror}" "" \
	--prefix="${prefix}" --disable-shared --with-ensurepip=no --enable-ipv6 "${options[@]}"
if is_cross; then
	# The wrappers' strip is the target's.
	PATH="$(cross_value CROSS_BIN):${PATH}"
fi
rm -rf "${prefix}"/lib/python*/test
find "${prefix}" -type f \( -name '*.pyc' -o -name '*.pyo' \) -delete
strip_tree "${prefix}"
log "${tag}: CPython ${version} in ${prefix}"
