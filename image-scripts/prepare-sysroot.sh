#!/bin/bash
# prepare-sysroot.sh: makes the target's CPython build root, copied to SYSROOT, a sysroot the
# cross toolchain can use, and writes the wrappers CPython's build calls by plain name.
#
# Absolute symlinks in the copy (usr/lib/<triple>/libm.so -> /lib/<triple>/libm.so.6) point
# into the build machine's root: each is rewritten relative, so it stays inside the sysroot.
# The linker does not say when it cannot follow one: -lm or -lz then quietly resolve elsewhere
# or not at all, and the module fails at its first import (shared/reference/machine-notes.md).
#
# The wrappers (CROSS_BIN: gcc, cc, g++, c++, cpp, ar, ranlib, readelf, nm, strip, pkg-config)
# run the cross toolchain against the sysroot. CPython records the names it was configured
# with (CC=gcc, …) for the extensions built later in the image, where they are the image's own.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=cross-lib.sh
source "$(dirname "$0")/cross-lib.sh"

sysroot=$(cross_value SYSROOT)
triple=$(cross_value CROSS_TRIPLE)
bin=$(cross_value CROSS_BIN)
[ -d "${sysroot}/usr/include" ] || die "no ${sysroot}/usr/include: the target's build root was not copied to the sysroot"

relinked=0
while IFS= read -r -d '' link; do
	target=$(readlink "${link}")
	ln -sfn "$(realpath -s -m --relative-to="$(dirname "${link}")" "${sysroot}${target}")" "${link}"
	relinked=$((relinked + 1))
done < <(find "${sysroot}" -type l -lname '/*' -print0)
log "sysroot ${sysroot}: ${relinked} absolute symlinks made relative"

# wrapper NAME COMMAND…: CROSS_BIN/NAME runs COMMAND with the wrapper's arguments.
wrapper() {
	local name=$1
	shift
	printf '#!/bin/sh\nexec %s "$@"\n' "$*" > "${bin}/${name}"
	chmod +x "${bin}/${name}"
}

mkdir -p "${bin}"
case "$(cross_value CROSS_KIND)" in
	gcc)
		command -v "${triple}-gcc" > /dev/null || die "no ${triple}-gcc on the build machine: packages/cross-host.txt lacks its cross compiler"
		for name in gcc cc; do wrapper "${name}" "${triple}-gcc" "--sysroot=${sysroot}"; done
		wrapper cpp "${triple}-cpp" "--sysroot=${sysroot}"
		if command -v "${triple}-g++" > /dev/null; then
			for name in g++ c++; do wrapper "${name}" "${triple}-g++" "--sysroot=${sysroot}"; done
		fi
		for tool in ar ranlib readelf nm strip; do wrapper "${tool}" "${triple}-${tool}"; done
		;;
	clang)
		clang_bin="$(cross_value CLANG_DIR)/bin"
		[ -x "${clang_bin}/clang" ] || die "no ${clang_bin}/clang: the compiler image was not copied in"
		# The target's gcc (a gcc-toolset where the image has one) gives crt files, libgcc and
		# libstdc++; its triple (ppc64le-redhat-linux) is the folder name under lib/gcc.
		toolchain="${sysroot}$(fleet_value DEVTOOLSET_ROOTPATH)/usr"
		gcc_triple=$(find "${toolchain}/lib/gcc" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | head -n 1)
		[ -n "${gcc_triple}" ] || die "no gcc in the sysroot under ${toolchain}/lib/gcc: clang has no crt files or libgcc to link with"
		flags="--target=${triple} --sysroot=${sysroot} --gcc-toolchain=${toolchain} --gcc-triple=${gcc_triple} -fuse-ld=lld"
		for name in gcc cc; do wrapper "${name}" "${clang_bin}/clang" "${flags}"; done
		for name in g++ c++; do wrapper "${name}" "${clang_bin}/clang++" "${flags}"; done
		wrapper cpp "${clang_bin}/clang" "${flags}" -E
		for tool in ar ranlib readelf nm strip; do wrapper "${tool}" "${clang_bin}/llvm-${tool}"; done
		# CPython's configure wants the target's readelf by its prefixed name (gcc: binutils has it).
		wrapper "${triple}-readelf" "${clang_bin}/llvm-readelf"
		;;
	*) die "unknown CROSS_KIND $(cross_value CROSS_KIND)" ;;
esac
# pkg-config reads the sysroot's .pc files only and prefixes their -I/-L paths with it.
pc_dirs="${sysroot}/$(cross_value CROSS_LIBDIR)/pkgconfig:${sysroot}/usr/share/pkgconfig:${sysroot}/usr/local/lib/pkgconfig"
for name in pkg-config "${triple}-pkg-config"; do
	wrapper "${name}" env "PKG_CONFIG_LIBDIR=${pc_dirs}" "PKG_CONFIG_SYSROOT_DIR=${sysroot}" /usr/bin/pkg-config
done

# The gate of a silent fallback: a C program using libm must link against the sysroot's.
probe=$(mktemp -d)
printf '#include <math.h>\nint main(int c, char **v) { (void)v; return (int)cbrt((double)c); }\n' > "${probe}/probe.c"
"${bin}/gcc" -o "${probe}/probe" "${probe}/probe.c" -lm || die "the cross compiler cannot link a program against the sysroot's libm"
"${bin}/readelf" -d "${probe}/probe" | grep -q 'NEEDED.*libm\.so' || die "the probe linked without libm: the sysroot's libm.so link is broken"
rm -rf "${probe}"
log "cross toolchain for ${triple}: $("${bin}/gcc" --version | head -n 1)"
