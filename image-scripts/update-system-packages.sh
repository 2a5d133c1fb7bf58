#!/bin/bash
# Brings the system packages up to date and trims what the image does not need: the locales
# but en_US.UTF-8, manuals, backgrounds, glibc's libcrypt where libxcrypt replaces it. Runs at
# the end of install-runtime-packages.sh and again at the end of the build.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

manager=$(fleet_value PACKAGE_MANAGER)
family=$(fleet_value FAMILY)

fixup_mirrors
pkg_upgrade
if [ "${manager}" = "yum" ] && ! localedef -V > /dev/null 2>&1; then
	# Some CentOS 7 images ship a glibc-common with localedef stripped out.
	fixup_mirrors
	yum -y reinstall glibc-common
fi
pkg_clean
fixup_mirrors

# The locale: (re)made whenever the archive changed since the last run (a glibc upgrade can
# drop it), and on the RHEL family the only one left in the archive.
if [ "${family}" = "rhel" ] || [ "${family}" = "debian" ]; then
	archive=/usr/lib/locale/locale-archive
	stamp=${archive}.fleet-timestamp
	if [ ! -f "${stamp}" ] || [ "${archive}" -nt "${stamp}" ]; then
		localedef -i en_US -f UTF-8 en_US.UTF-8
		if [ "${family}" = "rhel" ]; then
			localedef --list-archive | { grep -vix 'en_US\.utf8' || true; } | xargs -r localedef --delete-from-archive
			if [ "${manager}" = "yum" ]; then
				# CentOS 7 rebuilds the archive from its template, keeping only en_US.
				mv -f "${archive}" "${archive}.tmpl"
				build-locale-archive --install-langs=en_US.utf8
			fi
		else
			# locale-gen (run by upgrades of the locales package) keeps what /etc/locale.gen lists.
			if [ -f /etc/locale.gen ] && ! grep -q '^en_US.UTF-8 UTF-8' /etc/locale.gen; then
				echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen
			fi
			update-locale LANG=en_US.UTF-8
		fi
		touch "${stamp}"
	fi
fi

# trim_locales DIR: keeps only the English message catalogues (and locale.alias) in DIR.
trim_locales() {
	if [ -d "$1" ]; then
		find "$1" -mindepth 1 -maxdepth 1 -not \( -name 'en*' -o -name 'locale.alias' \) -print0 | xargs -0 rm -rf
	fi
}
trim_locales /usr/share/locale
trim_locales /usr/local/share/locale
toolset=$(fleet_value DEVTOOLSET_ROOTPATH)
if [ -n "${toolset}" ]; then
	rm -rf "${toolset}/usr/share/man"
	trim_locales "${toolset}/usr/share/locale"
fi
rm -rf /usr/share/backgrounds
if [ -d /usr/local/share/man ]; then
	# Its content only: /usr/local/man may be a link to it.
	find /usr/local/share/man -mindepth 1 -maxdepth 1 -print0 | xargs -0 rm -rf
fi

if [ -f /usr/local/lib/libcrypt.so.1 ] && [ "$(fleet_value REPLACE_SYSTEM_LIBCRYPT)" = "true" ]; then
	# libxcrypt's libcrypt.so.1 (built from source) replaces glibc's: nothing links the old one.
	find /lib* /usr/lib* \( -name 'libcrypt.a' -o -name 'libcrypt.so' -o -name 'libcrypt.so.*' -o -name 'libcrypt-2.*.so' \) -delete
fi

if [ "$(fleet_value LIBC)" = "glibc" ]; then
	ldconfig
elif command -v ldconfig > /dev/null; then
	ldconfig /
fi
