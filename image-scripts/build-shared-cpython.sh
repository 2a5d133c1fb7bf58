#!/bin/bash
# build-shared-cpython.sh X.Y: an --enable-shared CPython X.Y into /opt/shared-cpython-X.Y
# (for tools that embed libpython, such as PyInstaller), from the same pinned source.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

python_version=$1
IFS=$'\t' read -r tag _ version _ _ _ url sha256 mirror \
	< <(awk -F '\t' -v v="${python_version}" '$2 == "cpython" && $4 == v && $5 == "false"' "${BUILD_DIR}/interpreters.tsv")
[ -n "${tag:-}" ] || die "no CPython ${python_version} in this image"

prefix="/opt/shared-cpython-${python_version}"
options=(--prefix="${prefix}" --enable-shared --with-ensurepip=install --enable-ipv6)
build_triple=$(fleet_value CPYTHON_BUILD)
[ -z "${build_triple}" ] || options+=(--build="${build_triple}")
openssl=$(find /opt/_internal -maxdepth 1 -name 'openssl-*' -type d | head -n 1)
[ -z "${openssl}" ] || options+=(--with-openssl="${openssl}" --with-openssl-rpath=auto)

mkdir -p /tmp/shared
archive="/tmp/shared/$(basename "${url}")"
fetch_verified "${url}" "${sha256}" "${archive}" "${mirror}"
tar -xf "${archive}" -C /tmp/shared
cd "$(find /tmp/shared -mindepth 1 -maxdepth 1 -type d | head -n 1)"
hardening_c="${CPPFLAGS} ${CFLAGS}"
hardening_ld=${LDFLAGS}
unset CPPFLAGS CFLAGS CXXFLAGS LDFLAGS
CFLAGS_NODIST="${hardening_c}" LDFLAGS_NODIST="${hardening_ld} -Wl,-rpath,${prefix}/lib" \
	./configure "${options[@]}" > /tmp/shared/configure.log || { tail -n 50 /tmp/shared/configure.log; die "configure failed"; }
make -j"$(nproc)" > /tmp/shared/make.log 2>&1 || { tail -n 50 /tmp/shared/make.log; die "make failed"; }
make install > /dev/null 2>&1 || die "make install failed"
cd /
rm -rf /tmp/shared "${prefix}"/lib/python*/test
log "shared CPython ${version} in ${prefix} (from ${tag})"
