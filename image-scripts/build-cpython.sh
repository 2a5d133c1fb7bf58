#!/bin/bash
# build-cpython.sh TAG: one CPython from its sha256-pinned source tarball into
# /opt/_internal/cpython-<version>[-nogil] (static libpython, as upstream manylinux).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

tag=$1
IFS=$'\t' read -r _ implementation version _ free_threaded _ url sha256 mirror \
	< <(awk -F '\t' -v tag="${tag}" '$1 == tag' "${BUILD_DIR}/interpreters.tsv")
[ "${implementation:-}" = "cpython" ] || die "${tag} is not a CPython of this image"

prefix="/opt/_internal/cpython-${version}"
options=(--prefix="${prefix}" --disable-shared --with-ensurepip=install --enable-ipv6)
if [ "${free_threaded}" = "true" ]; then
	prefix="${prefix}-nogil"
	options=(--prefix="${prefix}" --disable-shared --with-ensurepip=install --enable-ipv6 --disable-gil)
fi
build_triple=$(fleet_value CPYTHON_BUILD)
if [ -n "${build_triple}" ]; then
	# configure would guess the 64-bit kernel's machine under linux32.
	options+=(--build="${build_triple}")
fi
openssl=$(find /opt/_internal -maxdepth 1 -name 'openssl-*' -type d | head -n 1)
if [ -n "${openssl}" ]; then
	options+=(--with-openssl="${openssl}" --with-openssl-rpath=auto)
fi
if [ -e /usr/local/lib/libmpdec.so ]; then
	options+=(--with-system-libmpdec)
fi

mkdir -p /tmp/cpython
archive="/tmp/cpython/$(basename "${url}")"
fetch_verified "${url}" "${sha256}" "${archive}" "${mirror}"
tar -xf "${archive}" -C /tmp/cpython
src=$(find /tmp/cpython -mindepth 1 -maxdepth 1 -type d | head -n 1)
cd "${src}"
# Hardening flags go to *_NODIST so they do not leak into sysconfig (and so into extensions).
hardening_c="${CPPFLAGS} ${CFLAGS}"
hardening_ld=${LDFLAGS}
unset CPPFLAGS CFLAGS CXXFLAGS LDFLAGS
CFLAGS_NODIST="${hardening_c}" LDFLAGS_NODIST="${hardening_ld}" \
	./configure "${options[@]}" > /tmp/cpython/configure.log || { tail -n 50 /tmp/cpython/configure.log; die "configure failed for ${tag}"; }
make -j"$(nproc)" > /tmp/cpython/make.log 2>&1 || { tail -n 50 /tmp/cpython/make.log; die "make failed for ${tag}"; }
make install > /dev/null 2>&1 || die "make install failed for ${tag}"
cd /
rm -rf /tmp/cpython "${prefix}"/lib/python*/test "${prefix}"/lib/python*/config-*/*.a
find "${prefix}" -type f \( -name '*.so' -o -perm -u+x \) -exec sh -c 'file "$1" | grep -q ELF && strip --strip-unneeded "$1" || true' _ {} \;
log "${tag}: CPython ${version} in ${prefix}"
