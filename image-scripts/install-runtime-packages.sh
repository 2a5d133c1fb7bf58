#!/bin/bash
# Installs what the image keeps (packages/runtime.txt, with the install plan's command): devel
# packages the policy allows linking to, interpreter runtime libraries, base tools, the
# toolchain, the arch's packages and the user's extra packages; then the linker path, and
# update-system-packages.sh (upgrade, locale, trimming).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

pkg_refresh
mapfile -t packages < <(fleet_list runtime)
pkg_install "${packages[@]}"

# Tools that look for the i386 triplet's pkg-config on 32-bit RHEL find the i686 one.
if [ -e /usr/bin/i686-redhat-linux-gnu-pkg-config ] && [ ! -e /usr/bin/i386-redhat-linux-gnu-pkg-config ]; then
	ln -s i686-redhat-linux-gnu-pkg-config /usr/bin/i386-redhat-linux-gnu-pkg-config
fi

if [ "$(fleet_value LIBC)" = "glibc" ]; then
	printf '%s\n' /usr/local/lib /usr/local/lib64 > /etc/ld.so.conf.d/00-manylinux.conf
fi
LC_ALL=C bash "${BUILD_DIR}/update-system-packages.sh"
