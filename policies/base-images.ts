import { CURL, LIBXCRYPT, OPENSSL, TCL, TK } from './native-sources';
import { CENTOS_7_REPOSITORIES, enterpriseLinuxRepositories } from './repositories';
import type { Arch, BaseImage } from './types';

const BUILD_SH = 'pypa/manylinux@ad3c453:build.sh (BASEIMAGE)';
const PKGS = 'pypa/manylinux@ad3c453:docker/build_scripts/install-runtime-packages.sh';
const PEP600C = 'mayeut/pep600_compliance@2d70275:README.rst (distro compatibility)';

function sameRef(ref: string, arches: readonly Arch[]): Partial<Record<Arch, string>> {
  return Object.fromEntries(arches.map((arch) => [arch, ref]));
}

const RHEL_ARCHES: readonly Arch[] = ['x86_64', 'i686', 'aarch64', 'ppc64le', 's390x'];
/** Platforms mayeut/manylinux-ubuntu builds its Ubuntu images for (amd64, arm64, s390x, ppc64le, arm, riscv64). */
const UBUNTU_ARCHES: readonly Arch[] = ['x86_64', 'aarch64', 's390x', 'ppc64le', 'armv7l', 'riscv64'];
const ALMA_EXTRA_TOOLS = ['glibc-locale-source', 'glibc-langpack-en', 'gnupg2', 'gzip', 'libcurl', 'libxcrypt', 'tar', 'libnsl'];

/** CentOS 7 as frozen by pypa into `manylinux2014_base` (ClefOS 7 on s390x). */
export const CENTOS_7: BaseImage = {
  key: 'centos-7', distro: 'CentOS', version: '7', family: 'rhel', packageManager: 'yum', libc: 'glibc', libcVersion: '2.17',
  references: sameRef('quay.io/pypa/manylinux2014_base:2025.11.10-3', RHEL_ARCHES),
  extraPackages: {
    runtimeDeps: ['libXft', 'keyutils-libs', 'libkadm5', 'libcom_err', 'libidn'],
    compileDeps: ['libXft-devel', 'keyutils-libs-devel', 'krb5-devel', 'libcom_err-devel', 'libidn-devel'],
  },
  repositories: CENTOS_7_REPOSITORIES,
  // glibc 2.17 ships libcrypt.so.1; libxcrypt (built here) replaces it (pypa/manylinux@ad3c453:
  // docker/build_scripts/install-libxcrypt.sh l.14-17, l.57-59; update-system-packages.sh l.88-91).
  replaceSystemLibcrypt: true,
  yumBasearch: { i686: 'i386' },
  // OpenSSL: the system one is older than 1.1.1; curl, libxcrypt, Tcl/Tk: built on manylinux2014 only (pypa Dockerfile).
  nativeBuilds: [OPENSSL, CURL, LIBXCRYPT, TCL, TK],
  citation: `${BUILD_SH}; ${PKGS}; pypa/manylinux@ad3c453:docker/build_scripts/fixup-mirrors.sh, install-entrypoint.sh, Dockerfile`,
};

export const ALMALINUX_8: BaseImage = {
  key: 'almalinux-8', distro: 'AlmaLinux', version: '8', family: 'rhel', packageManager: 'dnf', libc: 'glibc', libcVersion: '2.28',
  references: sameRef('quay.io/almalinuxorg/almalinux:8', RHEL_ARCHES),
  repositories: enterpriseLinuxRepositories('powertools'),
  extraPackages: { runtimeDeps: ['tk'], baseTools: ALMA_EXTRA_TOOLS, compileDeps: ['tk-devel'] },
  citation: `${BUILD_SH}; ${PKGS}`,
};

export const ALMALINUX_9: BaseImage = {
  key: 'almalinux-9', distro: 'AlmaLinux', version: '9', family: 'rhel', packageManager: 'dnf', libc: 'glibc', libcVersion: '2.34',
  references: sameRef('quay.io/almalinuxorg/almalinux:9', RHEL_ARCHES),
  repositories: enterpriseLinuxRepositories('crb'),
  extraPackages: { runtimeDeps: ['tk', 'libxcrypt-compat'], baseTools: ALMA_EXTRA_TOOLS, compileDeps: ['tk-devel'] },
  x86_64Baseline: 'x86-64-v2',
  citation: `${BUILD_SH}; ${PKGS}; pypa/manylinux@ad3c453:docker/build_scripts/install-gcc-wrapper.sh`,
};

export const ALMALINUX_10: BaseImage = {
  key: 'almalinux-10', distro: 'AlmaLinux', version: '10', family: 'rhel', packageManager: 'dnf', libc: 'glibc', libcVersion: '2.39',
  references: sameRef('quay.io/almalinuxorg/almalinux:10', ['x86_64', 'aarch64']),
  repositories: enterpriseLinuxRepositories('crb'),
  extraPackages: { runtimeDeps: ['tk', 'libxcrypt-compat'], baseTools: ALMA_EXTRA_TOOLS, compileDeps: ['tk-devel'] },
  x86_64Baseline: 'x86-64-v2',
  citation: `${BUILD_SH}; ${PKGS}`,
};

export const ROCKYLINUX_10: BaseImage = {
  key: 'rockylinux-10', distro: 'Rocky Linux', version: '10', family: 'rhel', packageManager: 'dnf', libc: 'glibc', libcVersion: '2.39',
  references: { riscv64: 'rockylinux/rockylinux:10' },
  repositories: enterpriseLinuxRepositories('crb'),
  extraPackages: { runtimeDeps: ['tk', 'libxcrypt-compat'], baseTools: ALMA_EXTRA_TOOLS, compileDeps: ['tk-devel'] },
  citation: `${BUILD_SH} l.66; ${PKGS}`,
};

export const UBUNTU_20_04: BaseImage = {
  key: 'ubuntu-20.04', distro: 'Ubuntu', version: '20.04', family: 'debian', packageManager: 'apt', libc: 'glibc', libcVersion: '2.31',
  references: sameRef('ubuntu:20.04', UBUNTU_ARCHES),
  extraPackages: { runtimeDeps: ['libffi7', 'libssl1.1'], compileDeps: ['linux-headers-generic'] },
  citation: `${BUILD_SH}; ${PKGS} l.61-66; mayeut/manylinux-ubuntu@c33c3cc:.github/workflows/ci.yml (platforms)`,
};

export const UBUNTU_22_04: BaseImage = {
  key: 'ubuntu-22.04', distro: 'Ubuntu', version: '22.04', family: 'debian', packageManager: 'apt', libc: 'glibc', libcVersion: '2.35',
  references: sameRef('ubuntu:22.04', UBUNTU_ARCHES),
  extraPackages: { runtimeDeps: ['libffi8', 'libssl3'], compileDeps: ['linux-headers-generic'] },
  citation: `${BUILD_SH}; ${PKGS} l.61-66; mayeut/manylinux-ubuntu@c33c3cc:.github/workflows/ci.yml (platforms)`,
};

/**
 * Debian releases: not used by the published fleet; the end-to-end fleet builds on them
 * (bases made with debootstrap, so only x86_64 is recorded). glibc from pep600_compliance;
 * package names verified by the e2e build (`apt-get install` fails on an unknown name).
 */
export const DEBIAN_11: BaseImage = {
  key: 'debian-11', distro: 'Debian', version: '11', family: 'debian', packageManager: 'apt', libc: 'glibc', libcVersion: '2.31',
  references: { x86_64: 'debian:11' },
  extraPackages: { runtimeDeps: ['libffi7', 'libssl1.1'], compileDeps: ['linux-libc-dev'] },
  citation: `${PEP600C}; packages: e2e build on bullseye`,
};

export const DEBIAN_12: BaseImage = {
  key: 'debian-12', distro: 'Debian', version: '12', family: 'debian', packageManager: 'apt', libc: 'glibc', libcVersion: '2.36',
  references: { x86_64: 'debian:12' },
  extraPackages: { runtimeDeps: ['libffi8', 'libssl3'], compileDeps: ['linux-libc-dev'] },
  citation: `${PEP600C}; packages: e2e build on bookworm`,
};

export const ALPINE_3_22: BaseImage = {
  key: 'alpine-3.22', distro: 'Alpine', version: '3.22', family: 'alpine', packageManager: 'apk', libc: 'musl', libcVersion: '1.2',
  references: {
    ...sameRef('alpine:3.22', ['x86_64', 'i686', 'aarch64', 'ppc64le', 's390x', 'armv7l', 'riscv64']),
    loongarch64: 'registry.alpinelinux.org/img/alpine:3.22',
  },
  citation: `${BUILD_SH}; ${PKGS}`,
};

// End-of-life bases: historical records (pypa/manylinux tags and commits named per entry).

export const CENTOS_5: BaseImage = {
  key: 'centos-5', distro: 'CentOS', version: '5', family: 'rhel', packageManager: 'yum', libc: 'glibc', libcVersion: '2.5',
  references: { x86_64: 'centos:5', i686: 'phusion/centos-5-32' },
  citation: 'pypa/manylinux@76807b8d (tag v2024.04.29-manylinux1):docker/Dockerfile-x86_64, Dockerfile-i686',
};

export const CENTOS_6: BaseImage = {
  key: 'centos-6', distro: 'CentOS', version: '6', family: 'rhel', packageManager: 'yum', libc: 'glibc', libcVersion: '2.12',
  references: { x86_64: 'quay.io/pypa/manylinux2010_x86_64_centos6_no_vsyscall', i686: 'i386/centos:6' },
  citation: 'pypa/manylinux@45351778:build.sh',
};

export const DEBIAN_9: BaseImage = {
  key: 'debian-9', distro: 'Debian', version: '9', family: 'debian', packageManager: 'apt', libc: 'glibc', libcVersion: '2.24',
  references: { x86_64: 'amd64/debian:9', i686: 'i386/debian:9', aarch64: 'arm64v8/debian:9', ppc64le: 'ppc64le/debian:9', s390x: 's390x/debian:9' },
  citation: 'pypa/manylinux@0d384633:build.sh',
};

export const ALPINE_3_12: BaseImage = {
  key: 'alpine-3.12', distro: 'Alpine', version: '3.12', family: 'alpine', packageManager: 'apk', libc: 'musl', libcVersion: '1.1',
  references: { x86_64: 'amd64/alpine:3.12', i686: 'i386/alpine:3.12', aarch64: 'arm64v8/alpine:3.12', ppc64le: 'ppc64le/alpine:3.12', s390x: 's390x/alpine:3.12' },
  citation: 'pypa/manylinux@2f07c30b:build.sh',
};

/** Every base image record, by key. */
export const BASE_IMAGES: readonly BaseImage[] = [
  CENTOS_7, ALMALINUX_8, ALMALINUX_9, ALMALINUX_10, ROCKYLINUX_10, UBUNTU_20_04, UBUNTU_22_04,
  DEBIAN_11, DEBIAN_12, ALPINE_3_22, CENTOS_5, CENTOS_6, DEBIAN_9, ALPINE_3_12,
];
