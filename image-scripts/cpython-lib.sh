#!/bin/bash
# Shared by build-cpython.sh and build-shared-cpython.sh. Sourced, never run.

# cpython_configure_options: options every CPython build gets on this image (configure triple
# under linux32, the OpenSSL built from source when the image has one).
cpython_configure_options() {
	local build_triple openssl
	build_triple=$(fleet_value CPYTHON_BUILD)
	[ -z "${build_triple}" ] || echo "--build=${build_triple}"
	openssl=$(source_field openssl prefix)
	[ -z "${openssl}" ] || printf '%s\n' "--with-openssl=${openssl}" --with-openssl-rpath=auto
}

# compile_cpython URL SHA256 MIRROR EXTRA_LDFLAGS CONFIGURE_OPTION…: fetches and verifies the
# source, configures, builds and installs it. Hardening flags go to *_NODIST so they do not
# leak into sysconfig (and so into every extension built with this interpreter).
compile_cpython() {
	local url=$1 sha256=$2 mirror=$3 extra_ldflags=$4 work
	shift 4
	work=$(mktemp -d)
	fetch_verified "${url}" "${sha256}" "${work}/$(basename "${url}")" "${mirror}"
	tar -xf "${work}/$(basename "${url}")" -C "${work}"
	local hardening_c="${CPPFLAGS} ${CFLAGS}" hardening_ld="${LDFLAGS} ${extra_ldflags}"
	(
		cd "$(find "${work}" -mindepth 1 -maxdepth 1 -type d | head -n 1)" || exit 1
		unset CPPFLAGS CFLAGS CXXFLAGS LDFLAGS
		CFLAGS_NODIST="${hardening_c}" LDFLAGS_NODIST="${hardening_ld}" ./configure "$@" > "${work}/configure.log" 2>&1 \
			|| { tail -n 50 "${work}/configure.log"; die "configure failed"; }
		make -j"$(nproc)" > "${work}/make.log" 2>&1 || { tail -n 50 "${work}/make.log"; die "make failed"; }
		make install > "${work}/install.log" 2>&1 || { tail -n 50 "${work}/install.log"; die "make install failed"; }
	)
	rm -rf "${work}"
}
