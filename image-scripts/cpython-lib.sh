#!/bin/bash
# Shared by build-cpython.sh and build-shared-cpython.sh. Sourced, never run.

# cpython_configure_options VERSION: options every CPython build gets on this image (configure
# triple under linux32; the OpenSSL built from source when the image has one, with an rpath:
# --with-openssl-rpath from 3.10 on, LDFLAGS for 3.9, see cpython_ldflags).
cpython_configure_options() {
	local version=$1 build_triple openssl
	build_triple=$(fleet_value CPYTHON_BUILD)
	[ -z "${build_triple}" ] || echo "--build=${build_triple}"
	openssl=$(source_field openssl prefix)
	if [ -n "${openssl}" ]; then
		echo "--with-openssl=${openssl}"
		case "${version}" in
			3.9.*) ;;
			*) echo "--with-openssl-rpath=auto" ;;
		esac
	fi
}

# cpython_ldflags VERSION: linker flags CPython VERSION needs for the native builds of the image.
cpython_ldflags() {
	local openssl
	openssl=$(source_field openssl prefix)
	case "$1" in
		3.9.*) [ -z "${openssl}" ] || echo "-Wl,-rpath,${openssl}/lib" ;;
	esac
}

# cpython_prepare_sources VERSION: run in the unpacked source. CPython 3.9 and 3.10 find SQLite
# through setup.py's fixed folder list, not pkg-config: point it at the SQLite built from source.
cpython_prepare_sources() {
	local sqlite
	sqlite=$(source_field sqlite3 prefix)
	case "$1" in
		3.9.* | 3.10.*)
			if [ -n "${sqlite}" ] && [ "${sqlite}" != "/usr/local" ]; then
				sed -i "s|/usr/local/include/sqlite3|${sqlite}/include|g; s|sqlite_extra_link_args = ()|sqlite_extra_link_args = ('-Wl,-rpath=${sqlite}/lib',)|g" setup.py
				grep -q -- "-rpath=${sqlite}/lib" setup.py || die "CPython $1: setup.py has no SQLite search list to extend"
			fi
			;;
	esac
}

# compile_cpython VERSION URL SHA256 MIRROR EXTRA_LDFLAGS CONFIGURE_OPTION…: fetches and verifies
# the source, configures, builds and installs it. Hardening flags go to *_NODIST so they do not
# leak into sysconfig (and so into every extension built with this interpreter).
compile_cpython() {
	local version=$1 url=$2 sha256=$3 mirror=$4 extra_ldflags=$5 work tk
	shift 5
	work=$(mktemp -d)
	fetch_verified "${url}" "${sha256}" "${work}/$(basename "${url}")" "${mirror}"
	tar -xf "${work}/$(basename "${url}")" -C "${work}"
	local hardening_c="${CPPFLAGS} ${CFLAGS}" hardening_ld
	hardening_ld="${LDFLAGS} ${extra_ldflags} $(cpython_ldflags "${version}")"
	tk=$(source_field tk prefix)
	(
		cd "$(find "${work}" -mindepth 1 -maxdepth 1 -type d | head -n 1)" || exit 1
		cpython_prepare_sources "${version}"
		unset CPPFLAGS CFLAGS CXXFLAGS LDFLAGS
		if [ -n "${tk}" ]; then
			# 3.11+: Tcl/Tk built from source, by name (their pkg-config files list X11 too).
			export TCLTK_LIBS="-L${tk}/lib -ltk8.6 -ltcl8.6"
		fi
		CFLAGS_NODIST="${hardening_c}" LDFLAGS_NODIST="${hardening_ld}" ./configure "$@" > "${work}/configure.log" 2>&1 \
			|| { tail -n 50 "${work}/configure.log"; die "configure failed"; }
		make -j"$(nproc)" > "${work}/make.log" 2>&1 || { tail -n 50 "${work}/make.log"; die "make failed"; }
		make install > "${work}/install.log" 2>&1 || { tail -n 50 "${work}/install.log"; die "make install failed"; }
	)
	rm -rf "${work}"
}
