#!/bin/bash
# build-host-python.sh VERSION: the build machine's own CPython VERSION (the version cross-built:
# its `make` runs the same version's interpreter), into HOST_PYTHON_DIR-VERSION. Only the cross
# build runs it: no optimizations, no hardening, nothing stripped.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=cpython-lib.sh
source "$(dirname "$0")/cpython-lib.sh"

version=$1
IFS=$'\x1f' read -r url sha256 mirror < <(tsv_row interpreters.tsv version "${version}" url sha256 mirror | head -n 1) || true
[ -n "${url:-}" ] || die "no CPython ${version} in interpreters.tsv"
prefix=$(host_python_prefix "${version}")
work=$(mktemp -d)
fetch_verified "${url}" "${sha256}" "${work}/$(basename "${url}")" "${mirror}"
tar -xf "${work}/$(basename "${url}")" -C "${work}"
(
	cd "$(find "${work}" -mindepth 1 -maxdepth 1 -type d | head -n 1)" || exit 1
	unset CPPFLAGS CFLAGS CXXFLAGS LDFLAGS
	# shellcheck disable=SC2046 # the option, or nothing
	./configure --prefix="${prefix}" --with-ensurepip=no $(cpython_test_modules_option "${version}") > "${work}/configure.log" 2>&1 \
		|| { tail -n 50 "${work}/configure.log"; die "configure failed"; }
	make -j"$(nproc)" > "${work}/make.log" 2>&1 || { tail -n 50 "${work}/make.log"; die "make failed"; }
	rm -rf Lib/test # as compile_cpython: the build runs none of it
	make install > "${work}/install.log" 2>&1 || { tail -n 50 "${work}/install.log"; die "make install failed"; }
)
rm -rf "${work}"
"${prefix}/bin/python${version%.*}" -c 'import sys; print(sys.version)' >&2
log "host CPython ${version} in ${prefix}"
