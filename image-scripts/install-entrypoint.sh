#!/bin/sh
# First step of every image, in POSIX sh (bash may not be installed yet): bootstrap packages,
# the yum $basearch fix for 32-bit containers, the default shell, and the entrypoint.
set -eu

BUILD_DIR=$(cd "$(dirname "$0")" && pwd)
value() {
	sed -n "s/^$1=//p" "${BUILD_DIR}/image.env"
}

basearch=$(value YUM_BASEARCH)
if [ -n "${basearch}" ]; then
	# yum derives $basearch from the 64-bit kernel; a 32-bit userland needs it pinned.
	mkdir -p /etc/yum/vars
	echo "${basearch}" > /etc/yum/vars/basearch
fi

bootstrap=$(grep -v '^$' "${BUILD_DIR}/packages/bootstrap.txt" || true)
if [ -n "${bootstrap}" ]; then
	case "$(value PACKAGE_MANAGER)" in
		apk) echo "${bootstrap}" | xargs apk add --no-cache ;;
		apt) apt-get update -q && echo "${bootstrap}" | xargs apt-get install -y -q --no-install-recommends ;;
		dnf) echo "${bootstrap}" | xargs dnf -y install ;;
		yum) echo "${bootstrap}" | xargs yum -y install ;;
	esac
fi

shell=$(value DEFAULT_SHELL)
if [ -n "${shell}" ]; then
	# Make the login shell of root (and of users created later) bash, as on glibc images.
	sed -i "s#^\(root:.*:\)[^:]*\$#\1${shell}#" /etc/passwd
	if [ -f /etc/default/useradd ]; then
		sed -i "s#^SHELL=.*#SHELL=${shell}#" /etc/default/useradd
	else
		echo "SHELL=${shell}" > /etc/default/useradd
	fi
fi

bin_dir=$(value BIN_DIR)
mkdir -p "${bin_dir}"
# The entrypoint is installed with this image's LINUX32 value (image.env) written in.
sed "s/^LINUX32=.*/LINUX32=$(value LINUX32)/" "${BUILD_DIR}/manylinux-entrypoint" > "${bin_dir}/manylinux-entrypoint"
chmod 0755 "${bin_dir}/manylinux-entrypoint"
