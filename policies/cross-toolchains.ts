import type { Arch, CrossTarget, CrossToolchain } from './types';

const DEBIAN_INDEX = 'gcc-<triple> packages in the amd64 Packages indexes of Debian bullseye and bookworm (main) and Ubuntu focal and jammy (main; riscv64 in universe), read 2026-11-22';
const UPSTREAM_CLANG = 'pypa/manylinux@ad3c453:docker/Dockerfile l.11 (MANYLINUX_CLANG_VERSION), l.48 (static_clang_bin); docker/build_scripts/install-clang-static.sh (target triples)';

/** Debian's multiarch tuple is the cross gcc's triple for these targets, and names its library folder. */
const debianTarget = (triple: string): CrossTarget => ({ triple, packages: [`gcc-${triple}`], libDir: `usr/lib/${triple}` });

/**
 * Debian's and Ubuntu's cross gcc, one package per target, the same GCC major version as the
 * release's native gcc. Proven on this project's machine: CPython 3.11 for armhf in 84 s against
 * 991 s under QEMU (shared/reference/machine-notes.md); `npm run bench:cross` builds the e2e
 * armv7l image with it. The target's libc comes from the sysroot only: the cross libc's own dev
 * package (libc6-dev-<arch>-cross, a recommendation) must stay out of the host's packages, or a
 * broken sysroot link would quietly resolve there (prepare-sysroot.sh's probe relies on it).
 */
export const DEBIAN_GCC_CROSS: CrossToolchain = {
  name: 'debian-gcc-cross',
  kind: 'gcc',
  availableOn: ['debian-11', 'debian-12', 'ubuntu-20.04', 'ubuntu-22.04'],
  hostPackages: ['make', 'gcc', 'libc6-dev', 'pkg-config', 'curl', 'ca-certificates', 'xz-utils', 'file', 'zlib1g-dev', 'libffi-dev'],
  targets: {
    aarch64: debianTarget('aarch64-linux-gnu'),
    armv7l: debianTarget('arm-linux-gnueabihf'),
    ppc64le: debianTarget('powerpc64le-linux-gnu'),
    s390x: debianTarget('s390x-linux-gnu'),
    riscv64: debianTarget('riscv64-linux-gnu'),
  },
  defaultOn: true,
  citation: `${DEBIAN_INDEX}; shared/reference/machine-notes.md (the armhf cross build)`,
};

const rhelTarget = (triple: string): CrossTarget => ({ triple, packages: [], libDir: 'usr/lib64' });

/**
 * A static clang (upstream's, pypa/manylinux#1833) for the RHEL family: it targets every arch,
 * takes the target's gcc-toolset from the sysroot (`--gcc-toolchain`) and links with lld. Not
 * built on this machine (no RHEL root for a foreign arch is reachable here): images opt in.
 */
export const RHEL_CLANG_CROSS: CrossToolchain = {
  name: 'rhel-clang-cross',
  kind: 'clang',
  availableOn: ['almalinux-8', 'almalinux-9', 'almalinux-10'],
  // Names as policies/distro-families.ts and toolchains.ts have them, but pkgconf-pkg-config
  // (pkg-config on EL8+): not read from a repository, none is reachable from this machine.
  // `which`: 3.9's and 3.10's configure find the build machine's python3.X with it.
  hostPackages: ['make', 'gcc', 'glibc-devel', 'pkgconf-pkg-config', 'curl', 'ca-certificates', 'xz', 'file', 'which', 'zlib-devel', 'libffi-devel'],
  compilerImage: 'ghcr.io/mayeut/static-clang:22.1.8.1',
  targets: {
    aarch64: rhelTarget('aarch64-unknown-linux-gnu'),
    ppc64le: rhelTarget('powerpc64le-unknown-linux-gnu'),
    s390x: rhelTarget('s390x-unknown-linux-gnu'),
  },
  defaultOn: false,
  citation: UPSTREAM_CLANG,
};

/** Every cross toolchain record. */
export const CROSS_TOOLCHAINS: readonly CrossToolchain[] = [DEBIAN_GCC_CROSS, RHEL_CLANG_CROSS];

/** The cross toolchain that compiles for `arch` on base `baseKey`, if one does. */
export function crossToolchainFor(baseKey: string, arch: Arch): CrossToolchain | undefined {
  return CROSS_TOOLCHAINS.find((toolchain) => toolchain.availableOn.includes(baseKey) && toolchain.targets[arch] !== undefined);
}
