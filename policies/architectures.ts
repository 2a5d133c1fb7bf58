import type { Arch, ArchInfo } from './types';

const CI = 'pypa/manylinux@ad3c453:.github/workflows/build.yml (runner per platform) + build.sh (GOARCH)';

/**
 * Every architecture a policy can offer: the one Arch → Docker platform table.
 *
 * Runners: x86_64 and i686 build natively on x86_64 runners, aarch64 and armv7l natively on
 * arm64 runners; ppc64le, s390x, riscv64 and loongarch64 need QEMU.
 */
export const ARCHITECTURES: Readonly<Record<Arch, ArchInfo>> = {
  x86_64: {
    name: 'x86_64', dockerPlatform: 'linux/amd64', runner: 'ubuntu-24.04', runnerArch: 'x86_64', linux32: false,
    // yasm, the assembler some x86 projects need (from EPEL on the RHEL family).
    packages: ['yasm'],
    citation: `${CI}; pypa/manylinux@ad3c453:docker/build_scripts/install-runtime-packages.sh l.153-155 (yasm)`,
  },
  i686: { name: 'i686', dockerPlatform: 'linux/386', runner: 'ubuntu-24.04', runnerArch: 'x86_64', linux32: true, citation: CI },
  aarch64: { name: 'aarch64', dockerPlatform: 'linux/arm64', runner: 'ubuntu-24.04-arm', runnerArch: 'aarch64', linux32: false, citation: CI },
  ppc64le: { name: 'ppc64le', dockerPlatform: 'linux/ppc64le', runner: 'ubuntu-24.04', runnerArch: 'x86_64', linux32: false, citation: CI },
  s390x: { name: 's390x', dockerPlatform: 'linux/s390x', runner: 'ubuntu-24.04', runnerArch: 'x86_64', linux32: false, citation: CI },
  armv7l: {
    name: 'armv7l', dockerPlatform: 'linux/arm/v7', runner: 'ubuntu-24.04-arm', runnerArch: 'aarch64', linux32: true,
    configureBuild: { glibc: 'armv7l-unknown-linux-gnueabihf', musl: 'arm-linux-musleabihf' },
    citation: `${CI}; pypa/manylinux@ad3c453:docker/build_scripts/build-cpython.sh`,
  },
  riscv64: { name: 'riscv64', dockerPlatform: 'linux/riscv64', runner: 'ubuntu-24.04', runnerArch: 'x86_64', linux32: false, citation: CI },
  loongarch64: { name: 'loongarch64', dockerPlatform: 'linux/loong64', runner: 'ubuntu-24.04', runnerArch: 'x86_64', linux32: false, citation: CI },
};

/** What a CPU runs besides its own arch, without emulation: 32-bit x86 on x86_64, 32-bit Arm on aarch64 (under linux32). */
const RUNS_TOO: Partial<Record<Arch, Arch>> = { x86_64: 'i686', aarch64: 'armv7l' };

/** True when a machine of `buildArch` runs `arch` code natively; otherwise a build needs QEMU. */
export function runsNatively(buildArch: Arch, arch: Arch): boolean {
  return buildArch === arch || RUNS_TOO[buildArch] === arch;
}

/** All architecture names, in the order tables list them. */
export const ALL_ARCHES: readonly Arch[] = Object.keys(ARCHITECTURES) as Arch[];

/** True when `value` names an architecture. */
export function isArch(value: string): value is Arch {
  return Object.prototype.hasOwnProperty.call(ARCHITECTURES, value);
}

/**
 * How long building one image may take, in minutes: the deploy job's limit in the generated
 * workflow and the provider's build timeout (kreuzwerker/docker's default, 20 minutes, is
 * shorter than a cold build of a published image). Emulated builds run about ten times slower
 * (shared/reference/machine-notes.md: CPython 3.11 under QEMU 991 s against 97 s natively).
 */
export function buildTimeoutMinutes(build: { readonly emulated: boolean }): number {
  return build.emulated ? 360 : 120;
}
