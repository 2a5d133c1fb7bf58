#!/bin/bash
# Shared by build-cpython.sh and build-shared-cpython.sh. Sourced after lib.sh, never run.
# shellcheck source=cross-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/cross-lib.sh"

# cpython_configure_options VERSION: options every CPython build gets on this image (configure
# triple under linux32; the OpenSSL built from source when the image has one, with an rpath:
# --with-openssl-rpath from 3.10 on, LDFLAGS for 3.9, see cpython_ldflags).
cpython_configure_options() {
	local version=$1 build_triple openssl
	build_triple=$(fleet_value CPYTHON_BUILD)
	if is_cross; then
		cpython_cross_options "${version}"
	elif [ -n "${build_triple}" ]; then
		echo "--build=${build_triple}"
	fi
	cpython_test_modules_option "${version}"
	openssl=$(source_field openssl prefix)
	if [ -n "${openssl}" ]; then
		echo "--with-openssl=$(target_path "${openssl}")"
		case "${version}" in
			3.9.*) ;;
			# Cross: "auto" would be the sysroot's folder, and configure refuses a folder the build
			# machine lacks: the image's rpath comes through cpython_ldflags instead.
			*) if is_cross; then echo "--with-openssl-rpath=no"; else echo "--with-openssl-rpath=auto"; fi ;;
		esac
	fi
}

# cpython_test_modules_option VERSION: configure's option that leaves out CPython's test suite
# and its test extensions (_testcapi, …): the images drop them anyway, and building and
# byte-compiling them cost 36 s of a 205 s CPython 3.11 build (measured). 3.9 has no such
# option: its builds drop Lib/test before `make install` instead.
cpython_test_modules_option() {
	case "$1" in
		3.9.*) ;;
		*) echo "--disable-test-modules" ;;
	esac
}

# target_path PATH: PATH as the compiler must see it (inside the sysroot in a cross stage).
target_path() {
	if is_cross; then
		echo "$(cross_value SYSROOT)$1"
	else
		echo "$1"
	fi
}

# host_python VERSION: the build machine's CPython VERSION, which a cross build's make runs.
host_python() {
	echo "$(host_python_prefix "$1")/bin/python${1%.*}"
}

# cpython_cross_options VERSION: configure's cross-compiling options. The compiler and tools go by
# the plain names of prepare-sysroot.sh's wrappers, which CPython records for later extension
# builds in the image; the answers configure cannot get without running a target program.
cpython_cross_options() {
	local version=$1
	[ -x "$(host_python "${version}")" ] || die "no build-machine CPython ${version} at $(host_python "${version}")"
	echo "--host=$(cross_value CROSS_TRIPLE)"
	# The build machine's own gcc (CROSS_BIN's gcc is the cross one).
	echo "--build=$(/usr/bin/gcc -dumpmachine)"
	case "${version}" in
		3.9.* | 3.10.*) ;; # they find python${version%.*} on PATH (cross_environment)
		*) echo "--with-build-python=$(host_python "${version}")" ;;
	esac
	# configure refuses a plain `readelf` in a cross build: the target's, by its prefixed name.
	printf '%s\n' CC=gcc CXX=g++ AR=ar RANLIB=ranlib "READELF=$(cross_value CROSS_TRIPLE)-readelf" \
		ac_cv_file__dev_ptmx=yes ac_cv_file__dev_ptc=no ac_cv_buggy_getaddrinfo=no
}

# cross_environment VERSION: PATH of a cross build (run in its subshell): the wrappers first, then
# the build machine's CPython (3.9 and 3.10 look for python3.X on PATH).
cross_environment() {
	PATH="$(cross_value CROSS_BIN):$(dirname "$(host_python "$1")"):${PATH}"
	export PATH
}

# cross_fix_makefile: run after configure. setup.py (3.9-3.11) drops -lffi silently unless the
# Makefile's LIBFFI_INCLUDEDIR names the sysroot's ffi.h folder; configure sets it from pkg-config,
# which may print nothing for a multiarch folder, and the environment cannot override it.
cross_fix_makefile() {
	local sysroot dir
	grep -q '^LIBFFI_INCLUDEDIR=' Makefile || return 0
	sysroot=$(cross_value SYSROOT)
	for dir in "${sysroot}/usr/include/$(cross_value CROSS_TRIPLE)" "${sysroot}/usr/include"; do
		if [ -f "${dir}/ffi.h" ]; then
			sed -i "s|^LIBFFI_INCLUDEDIR=.*|LIBFFI_INCLUDEDIR=\t${dir}|" Makefile
			return 0
		fi
	done
	die "no ffi.h in the sysroot: ctypes would be built without libffi"
}

# cpython_ldflags VERSION: linker flags CPython VERSION needs for the native builds of the image
# (the OpenSSL rpath: 3.9 has no --with-openssl-rpath; a cross build gives the image's folder here).
cpython_ldflags() {
	local openssl
	openssl=$(source_field openssl prefix)
	[ -n "${openssl}" ] || return 0
	if is_cross; then
		echo "-Wl,-rpath,${openssl}/lib"
		return 0
	fi
	case "$1" in
		3.9.*) echo "-Wl,-rpath,${openssl}/lib" ;;
	esac
}

# cpython_prepare_sources VERSION: run in the unpacked source. CPython 3.9 and 3.10 find SQLite
# through setup.py's fixed folder list, not pkg-config: point it at the SQLite built from source.
cpython_prepare_sources() {
	local sqlite
	sqlite=$(source_field sqlite3 prefix)
	case "$1" in
		3.9.* | 3.10.*)
			if is_cross; then
				# setup.py looks for uuid.h in the build machine's /usr/include/uuid: without the sysroot's,
				# _uuid is quietly not built (finalize.sh's gate caught it in a cross-built 3.9).
				sed -i "s|\"/usr/include/uuid\"|\"$(cross_value SYSROOT)/usr/include/uuid\"|" setup.py
				grep -q "$(cross_value SYSROOT)/usr/include/uuid" setup.py || die "CPython $1: setup.py has no uuid.h search folder to move into the sysroot"
			fi
			if [ -n "${sqlite}" ] && [ "${sqlite}" != "/usr/local" ]; then
				sed -i "s|/usr/local/include/sqlite3|$(target_path "${sqlite}")/include|g; s|sqlite_extra_link_args = ()|sqlite_extra_link_args = ('-Wl,-rpath=${sqlite}/lib',)|g" setup.py
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
		if is_cross; then
			cross_environment "${version}"
		fi
		if [ -n "${tk}" ]; then
			# 3.11+: Tcl/Tk built from source, by name (their pkg-config files list X11 too).
			TCLTK_LIBS="-L$(target_path "${tk}")/lib -ltk8.6 -ltcl8.6"
			export TCLTK_LIBS
		fi
		CFLAGS_NODIST="${hardening_c}" LDFLAGS_NODIST="${hardening_ld}" ./configure "$@" > "${work}/configure.log" 2>&1 \
			|| { tail -n 50 "${work}/configure.log"; die "configure failed"; }
		if is_cross; then
			cross_fix_makefile
		fi
		make -j"$(nproc)" > "${work}/make.log" 2>&1 || { tail -n 50 "${work}/make.log"; die "make failed"; }
		# 3.9 installs Lib/test (skipping a missing Lib folder) and byte-compiles it three times, for an
		# image that drops it: 13 of its 27 s of make install (measured).
		rm -rf Lib/test
		make install > "${work}/install.log" 2>&1 || { tail -n 50 "${work}/install.log"; die "make install failed"; }
	)
	rm -rf "${work}"
}
