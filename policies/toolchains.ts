import type { Toolchain } from './types';

const BUILD_SH = 'pypa/manylinux@ad3c453:build.sh (DEVTOOLSET_ROOTPATH, LD_LIBRARY_PATH_ARG)';
const PKGS = 'pypa/manylinux@ad3c453:docker/build_scripts/install-runtime-packages.sh (TOOLCHAIN_DEPS)';
const README = 'pypa/manylinux@ad3c453:README.rst (Toolchain)';

const TOOLSET_LIB_DIRS = ['usr/lib64', 'usr/lib', 'usr/lib64/dyninst', 'usr/lib/dyninst'];
const toolsetPackages = (prefix: string) =>
  ['binutils', 'gcc', 'gcc-c++', 'gcc-gfortran', 'libatomic-devel'].map((p) => `${prefix}-${p}`);

export const DEVTOOLSET_10: Toolchain = {
  name: 'devtoolset-10', gcc: '10', rootPath: '/opt/rh/devtoolset-10/root',
  packages: toolsetPackages('devtoolset-10'),
  availableOn: ['centos-7'],
  libDirs: [...TOOLSET_LIB_DIRS, '/usr/local/lib64'],
  libDirs32: ['usr/lib', 'usr/lib/dyninst'],
  citation: `${BUILD_SH}; ${PKGS}; ${README}`,
};

export const GCC_TOOLSET_14: Toolchain = {
  name: 'gcc-toolset-14', gcc: '14', rootPath: '/opt/rh/gcc-toolset-14/root',
  packages: toolsetPackages('gcc-toolset-14'),
  availableOn: ['almalinux-8', 'almalinux-9'],
  libDirs: TOOLSET_LIB_DIRS,
  // Patched on manylinux_2_28 and manylinux_2_34, the two policies on gcc-toolset-14.
  libstdcxxScriptFix: true,
  citation: `${BUILD_SH}; ${PKGS}; ${README}; pypa/manylinux@ad3c453:docker/build_scripts/finalize.sh l.116-119 (libstdc++.so)`,
};

const DEBIAN_GCC = ['binutils', 'gcc', 'g++', 'gfortran', 'libatomic1'];

export const UBUNTU_20_04_GCC: Toolchain = {
  name: 'ubuntu-20.04-gcc', gcc: '9', rootPath: '', packages: DEBIAN_GCC, availableOn: ['ubuntu-20.04'], libDirs: [],
  citation: `${PKGS}; ${README}`,
};

export const UBUNTU_22_04_GCC: Toolchain = {
  name: 'ubuntu-22.04-gcc', gcc: '11', rootPath: '', packages: DEBIAN_GCC, availableOn: ['ubuntu-22.04'], libDirs: [],
  citation: `${PKGS}; ${README}`,
};

export const EL10_GCC: Toolchain = {
  name: 'el10-gcc', gcc: '14', rootPath: '',
  packages: ['binutils', 'gcc', 'gcc-c++', 'gcc-gfortran', 'libatomic'],
  availableOn: ['almalinux-10', 'rockylinux-10'], libDirs: [],
  citation: `${PKGS}; ${README}`,
};

export const ALPINE_3_22_GCC: Toolchain = {
  name: 'alpine-3.22-gcc', gcc: '14', rootPath: '',
  packages: ['binutils', 'gcc', 'g++', 'gfortran', 'libatomic'],
  availableOn: ['alpine-3.22'], libDirs: [],
  citation: `${PKGS}; ${README}`,
};

/** Debian 12's compiler (gcc 12.2.0, read from `gcc --version` on a bookworm machine). */
export const DEBIAN_12_GCC: Toolchain = {
  name: 'debian-12-gcc', gcc: '12', rootPath: '', packages: DEBIAN_GCC, availableOn: ['debian-12'], libDirs: [],
  citation: 'gcc --version on Debian 12: gcc (Debian 12.2.0-14+deb12u1) 12.2.0',
};

/** Debian 11's compiler (gcc 10.2.1, the version bullseye's package index gives). */
export const DEBIAN_11_GCC: Toolchain = {
  name: 'debian-11-gcc', gcc: '10', rootPath: '', packages: DEBIAN_GCC, availableOn: ['debian-11'], libDirs: [],
  citation: 'apt-cache policy gcc on Debian 11 (bullseye): 4:10.2.1-1',
};

// End-of-life toolchains (historical; package lists were not recorded).

export const DEVTOOLSET_2: Toolchain = {
  name: 'devtoolset-2', gcc: '4.8', rootPath: '/opt/rh/devtoolset-2/root', packages: [], availableOn: ['centos-5'], libDirs: [],
  citation: 'pypa/manylinux@76807b8d (tag v2024.04.29-manylinux1):docker/Dockerfile-x86_64',
};

export const DEVTOOLSET_8: Toolchain = {
  name: 'devtoolset-8', gcc: '8', rootPath: '/opt/rh/devtoolset-8/root', packages: [], availableOn: ['centos-6'], libDirs: [],
  citation: 'pypa/manylinux@45351778:build.sh',
};

export const DEBIAN_9_GCC: Toolchain = {
  name: 'debian-9-gcc', gcc: '6', rootPath: '', packages: DEBIAN_GCC, availableOn: ['debian-9'], libDirs: [],
  citation: 'pypa/manylinux@0d384633:build.sh',
};

export const ALPINE_3_12_GCC: Toolchain = {
  name: 'alpine-3.12-gcc', gcc: '9', rootPath: '', packages: ['binutils', 'gcc', 'g++', 'gfortran', 'libatomic'],
  availableOn: ['alpine-3.12'], libDirs: [],
  citation: 'pypa/manylinux@2f07c30b:build.sh',
};

/** Every toolchain record. */
export const TOOLCHAINS: readonly Toolchain[] = [
  DEVTOOLSET_10, GCC_TOOLSET_14, UBUNTU_20_04_GCC, UBUNTU_22_04_GCC, EL10_GCC, ALPINE_3_22_GCC,
  DEBIAN_11_GCC, DEBIAN_12_GCC, DEVTOOLSET_2, DEVTOOLSET_8, DEBIAN_9_GCC, ALPINE_3_12_GCC,
];
