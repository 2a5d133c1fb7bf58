#!/bin/bash
# Shared helpers of the scripts that build a fleet image. Sourced, never run.
#
# Per-image facts come from the data files beside this script (rendered by the fleet from
# policies/): image.env (KEY=value lines, read with fleet_value, never sourced; it also holds
# the in-image file layout and the package manager's commands), packages/*.txt, plan/*.txt
# (one command per line), and tables with a header row read by column name (sources.tsv,
# interpreters.tsv, tools.tsv, shared-cpython.tsv, mirrors.tsv, plan/config.tsv).

BUILD_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export BUILD_DIR

log() {
	echo "[fleet] $*" >&2
}

die() {
	log "error: $*"
	exit 1
}

# fleet_value KEY: the value of KEY in image.env (empty when unset).
fleet_value() {
	sed -n "s/^$1=//p" "${BUILD_DIR}/image.env"
}

# The in-image layout (constructs/image/layout.ts), as image.env gives it.
INTERNAL_DIR=$(fleet_value INTERNAL_DIR)
PYTHON_DIR=$(fleet_value PYTHON_DIR)
TOOLS_VENV=$(fleet_value TOOLS_VENV)
BIN_DIR=$(fleet_value BIN_DIR)
CERTS_PEM=$(fleet_value CERTS_PEM)
# A native build stage hands its files on through two folders: ROOTFS (what the final image
# keeps) and BUILDFS (what later build stages compile against: headers and pkg-config files too).
ROOTFS=$(fleet_value ROOTFS)
BUILDFS=$(fleet_value BUILDFS)
export INTERNAL_DIR PYTHON_DIR TOOLS_VENV BIN_DIR CERTS_PEM ROOTFS BUILDFS

# tsv_rows TABLE FIELD…: the named fields of every row of TABLE (a .tsv beside this script whose
# first line names the columns), joined by the unit separator $'\x1f' (empty fields survive
# `IFS=$'\x1f' read`, which tabs would not). A column the table lacks is reported on stderr.
tsv_rows() {
	tsv_select "$1" "" "" "${@:2}"
}

# tsv_row TABLE KEY_FIELD KEY FIELD…: the named fields of the row whose KEY_FIELD is KEY.
tsv_row() {
	tsv_select "$@"
}

# tsv_get TABLE KEY_FIELD KEY FIELD: one field of the row whose KEY_FIELD is KEY.
tsv_get() {
	tsv_select "$@" | head -n 1
}

tsv_select() {
	local table="${BUILD_DIR}/$1" key_field=$2 key=$3
	shift 3
	awk -F '\t' -v key_field="${key_field}" -v key="${key}" -v fields="$*" '
		NR == 1 {
			for (i = 1; i <= NF; i++) column[$i] = i
			n = split(fields, wanted, " ")
			for (j = 1; j <= n; j++) if (!(wanted[j] in column)) { print "no column " wanted[j] " in " FILENAME > "/dev/stderr"; exit 2 }
			if (key_field != "" && !(key_field in column)) { print "no column " key_field " in " FILENAME > "/dev/stderr"; exit 2 }
			next
		}
		key_field == "" || $(column[key_field]) == key {
			line = ""
			for (j = 1; j <= n; j++) line = line (j > 1 ? "\037" : "") $(column[wanted[j]])
			print line
		}' "${table}"
}

# fleet_list SET: the packages of packages/SET.txt, one per line.
fleet_list() {
	grep -v '^$' "${BUILD_DIR}/packages/$1.txt" || true
}

# A CA bundle the build trusts for HTTPS downloads: the system's plus build-ca.pem when the
# fleet was given extra certificates (a TLS-intercepting proxy). Removed by finalize.sh.
build_ca_bundle() {
	local bundle=/tmp/fleet-build-ca.pem system
	if [ ! -f "${bundle}" ]; then
		: > "${bundle}"
		for system in /etc/ssl/certs/ca-certificates.crt /etc/pki/tls/certs/ca-bundle.crt /etc/ssl/cert.pem; do
			if [ -f "${system}" ]; then
				cat "${system}" >> "${bundle}"
				break
			fi
		done
		if [ -f "${BUILD_DIR}/build-ca.pem" ]; then
			cat "${BUILD_DIR}/build-ca.pem" >> "${bundle}"
		fi
	fi
	echo "${bundle}"
}

# run_line LINE [ARG…]: runs LINE, a command of the install plan (words joined by single
# spaces, run without a shell), with ARGs appended.
run_line() {
	local -a argv
	read -ra argv <<< "$1"
	[ "${#argv[@]}" -gt 0 ] || die "empty command in the install plan"
	shift
	log "running: ${argv[*]}${*:+ $*}"
	"${argv[@]}" "$@"
}

# run_plan_key KEY [ARG…]: runs the command image.env gives KEY, with ARGs appended.
run_plan_key() {
	local line
	line=$(fleet_value "$1")
	[ -n "${line}" ] || die "image.env has no $1: the build folder's data and scripts do not match"
	shift
	run_line "${line}" "$@"
}

# run_commands FILE [AFTER…]: runs each command of FILE (a plan file beside this script, one
# command per line), each followed by the command AFTER when one is given.
run_commands() {
	local file="${BUILD_DIR}/$1" line
	shift
	while IFS= read -r line <&3; do
		[ -n "${line}" ] || continue
		run_line "${line}"
		if [ "$#" -gt 0 ]; then
			"$@"
		fi
	done 3< "${file}"
}

# pkg_install PACKAGE…: installs distro packages with the image's install command (PKG_INSTALL);
# an unknown package stops the build, named by the package manager.
pkg_install() {
	[ "$#" -gt 0 ] || return 0
	run_plan_key PKG_INSTALL "$@"
}

# pkg_refresh: refreshes the package index (PKG_REFRESH).
pkg_refresh() {
	run_plan_key PKG_REFRESH
}

# pkg_upgrade: upgrades every installed package (the commands of plan/upgrade.txt).
pkg_upgrade() {
	run_commands plan/upgrade.txt
}

# fixup_mirrors: the mirror fix of an end-of-life release (fixup-mirrors.sh, through the
# command setup-repositories.sh installs); nothing happens where the repositories are live.
fixup_mirrors() {
	"$(fleet_value FIXUP_MIRRORS)"
}

# config_set FILE KEY VALUE: sets KEY=VALUE in a configuration file (its KEY= lines replaced,
# else a line appended); an empty VALUE deletes the KEY= lines.
config_set() {
	local file=$1 key=$2 value=$3 escaped
	if [ -z "${value}" ]; then
		if [ -f "${file}" ]; then
			sed -i "/^${key}[[:space:]]*=/d" "${file}"
		fi
		return 0
	fi
	[ -f "${file}" ] || die "no configuration file ${file} to set ${key} in"
	if grep -q "^${key}[[:space:]]*=" "${file}"; then
		escaped=$(printf '%s' "${value}" | sed 's/[&|\\]/\\&/g')
		sed -i "s|^${key}[[:space:]]*=.*|${key}=${escaped}|" "${file}"
	else
		if [ -n "$(tail -c 1 "${file}")" ]; then
			echo >> "${file}"
		fi
		echo "${key}=${value}" >> "${file}"
	fi
}

# pkg_clean: drops package caches so layers stay small.
pkg_clean() {
	case "$(fleet_value PACKAGE_MANAGER)" in
		apt) apt-get clean; rm -rf /var/lib/apt/lists/* ;;
		dnf) dnf clean all; rm -rf /var/cache/dnf ;;
		yum) yum clean all; rm -rf /var/cache/yum ;;
		apk) rm -rf /var/cache/apk/* ;;
	esac
}

# fetch_verified URL SHA256 DEST [MIRROR]: downloads URL (or MIRROR when given) to DEST and
# checks its sha256; a mismatch or a failed download stops the build.
fetch_verified() {
	local url=$1 sha256=$2 dest=$3 mirror=${4:-}
	local source=${mirror:-$url}
	[ -n "${sha256}" ] || die "no sha256 for ${url}: refusing an unverified download"
	log "fetching ${source}"
	curl --fail --location --silent --show-error --retry 3 --cacert "$(build_ca_bundle)" --output "${dest}" "${source}" \
		|| die "download failed: ${source}"
	echo "${sha256}  ${dest}" | sha256sum -c - > /dev/null || die "sha256 mismatch for ${source} (expected ${sha256})"
}

# source_field NAME FIELD: a field (version, prefix, url, sha256, mirror) of native source NAME.
source_field() {
	tsv_get sources.tsv name "$1" "$2"
}

# fetch_source NAME DIR: downloads, verifies and unpacks native source NAME into DIR; prints
# the unpacked top folder.
fetch_source() {
	local name=$1 dir=$2 archive
	archive="${dir}/$(basename "$(source_field "${name}" url)")"
	mkdir -p "${dir}"
	fetch_verified "$(source_field "${name}" url)" "$(source_field "${name}" sha256)" "${archive}" "$(source_field "${name}" mirror)"
	tar -xf "${archive}" -C "${dir}"
	rm -f "${archive}"
	find "${dir}" -mindepth 1 -maxdepth 1 -type d | head -n 1
}

# native_buildfs: BUILDFS becomes a copy of everything installed in ROOTFS so far; the build
# script then trims ROOTFS to the runtime files.
native_buildfs() {
	mkdir -p "${ROOTFS}" "${BUILDFS}"
	cp -a "${ROOTFS}/." "${BUILDFS}/"
}

# native_pkgconfig PC_FILE: links PC_FILE (an absolute path) into BUILDFS's /usr/local/lib/pkgconfig,
# the PKG_CONFIG_PATH of every image, so later build stages find a library kept in its own prefix.
native_pkgconfig() {
	mkdir -p "${BUILDFS}/usr/local/lib/pkgconfig"
	ln -sf "$1" "${BUILDFS}/usr/local/lib/pkgconfig/$(basename "$1")"
}

# pc_rpath PC_IN: adds an rpath to the Libs line of a pkg-config template, so everything linked
# through it finds the library in its own prefix at run time.
# shellcheck disable=SC2016 # ${libdir} is pkg-config's variable, written literally
pc_rpath() {
	sed -i 's|^Libs:|Libs: -Wl,--enable-new-dtags,-rpath=${libdir} |' "$1"
	grep -q -- '-rpath=\${libdir}' "$1" || die "no Libs line to add an rpath to in $1"
}

# strip_tree DIR: strips every ELF file under DIR (others are left alone).
strip_tree() {
	find "$1" -type f -exec sh -c 'file "$1" | grep -q ELF && strip --strip-unneeded "$1" || true' _ {} \;
}

# version_at_least HAVE WANT: true when version HAVE >= WANT (dotted numbers).
version_at_least() {
	[ "$(printf '%s\n%s\n' "$1" "$2" | sort -t. -k1,1n -k2,2n -k3,3n -k4,4n | head -n 1)" = "$2" ]
}

# distro_not_older NAME COMMAND: true when COMMAND (the distro's) reports a version not older than
# native source NAME's (a Debian +suffix aside): autoconf and automake are then not built.
distro_not_older() {
	local installed wanted
	installed=$( ("$2" --version 2>/dev/null || true) | awk 'NR == 1 { print $NF }')
	wanted=$(source_field "$1" version)
	echo "$2 ${installed:-missing}, ${1} ${wanted}"
	[ -n "${installed}" ] && version_at_least "${installed}" "${wanted%%+*}"
}

# Compiler flags of every source build: hardening as the distros build.
export CPPFLAGS="-Wdate-time -D_FORTIFY_SOURCE=2"
export CFLAGS="-g -O2 -fstack-protector-strong -Wformat -Werror=format-security"
export CXXFLAGS="${CFLAGS}"
export LDFLAGS="-Wl,-z,relro -Wl,-z,now"

# run_ldconfig: refreshes the linker cache where the libc has one.
run_ldconfig() {
	if [ "$(fleet_value LIBC)" = "glibc" ]; then
		ldconfig
	fi
}
