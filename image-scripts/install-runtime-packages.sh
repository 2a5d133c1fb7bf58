#!/bin/bash
# Installs what the image keeps: devel packages the policy allows linking to, interpreter
# runtime libraries, base tools, the toolchain and the user's extra packages; then the locale
# and the linker path.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

pkg_refresh
mapfile -t packages < <(fleet_list runtime)
pkg_install "${packages[@]}"

case "$(fleet_value FAMILY)" in
	debian)
		if [ -f /etc/locale.gen ]; then
			sed -i 's/^# *\(en_US.UTF-8 UTF-8\)/\1/' /etc/locale.gen
			grep -q '^en_US.UTF-8 UTF-8' /etc/locale.gen || echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen
		fi
		locale-gen
		;;
	rhel)
		# glibc-langpack-en ships the locale on EL8+; older releases compile it.
		if ! locale -a 2>/dev/null | grep -qi '^en_US\.utf-\?8$'; then
			localedef -i en_US -f UTF-8 en_US.UTF-8
		fi
		;;
	alpine) ;; # musl has no locale database; UTF-8 is the default.
esac

if [ "$(fleet_value LIBC)" = "glibc" ]; then
	printf '%s\n' /usr/local/lib /usr/local/lib64 > /etc/ld.so.conf.d/00-manylinux.conf
	ldconfig
fi
pkg_clean
