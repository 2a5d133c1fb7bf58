#!/bin/bash
# build-cpython.sh TAG: one CPython from its sha256-pinned source tarball into the prefix
# interpreters.tsv gives it (static libpython, as upstream manylinux).
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
mapfile -t -O "${#options[@]}" options < <(cpython_configure_options)
mpdecimal=$(source_field mpdecimal prefix)
if [ -n "${mpdecimal}" ] && [ -e "${mpdecimal}/lib/libmpdec.so" ]; then
	options+=(--with-system-libmpdec)
fi

compile_cpython "${url}" "${sha256}" "${mirror}" "" \
	--prefix="${prefix}" --disable-shared --with-ensurepip=no --enable-ipv6 "${options[@]}"
rm -rf "${prefix}"/lib/python*/test "${prefix}"/lib/python*/config-*/*.a
find "${prefix}" -type f \( -name '*.so' -o -perm -u+x \) -exec sh -c 'file "$1" | grep -q ELF && strip --strip-unneeded "$1" || true' _ {} \;
log "${tag}: CPython ${version} in ${prefix}"
