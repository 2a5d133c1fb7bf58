import type { DistroFamily, FamilyName } from './types';

const PKGS = 'pypa/manylinux@ad3c453:docker/build_scripts/install-runtime-packages.sh + install-build-packages.sh';

/**
 * Packages every family installs under the same name. libtool is not among them: it is built
 * from source (native-sources.ts), as upstream's install-libtool.sh does; autoconf and automake
 * are the distro's, replaced in /usr/local by the source builds where those are newer.
 */
const COMMON_BASE_TOOLS = ['autoconf', 'automake', 'bison', 'bzip2', 'ca-certificates', 'curl', 'diffutils', 'file', 'make', 'patch', 'unzip'];

/**
 * The three distro families. Release-specific names (libffi7 vs libffi8, tk vs libXft, …)
 * live on the base image records in base-images.ts.
 */
export const DISTRO_FAMILIES: Readonly<Record<FamilyName, DistroFamily>> = {
  rhel: {
    name: 'rhel',
    libc: 'glibc',
    packages: {
      manylinuxDeps: ['glibc-devel', 'libstdc++-devel', 'glib2-devel', 'libX11-devel', 'libXext-devel', 'libXrender-devel', 'mesa-libGL-devel', 'libICE-devel', 'libSM-devel', 'zlib-devel', 'expat-devel'],
      runtimeDeps: ['zlib', 'bzip2', 'expat', 'ncurses', 'readline', 'gdbm', 'xz', 'openssl', 'libcurl', 'uuid', 'libffi'],
      baseTools: [...COMMON_BASE_TOOLS, 'hardlink', 'hostname', 'which'],
      compileDeps: ['bzip2-devel', 'ncurses-devel', 'readline-devel', 'gdbm-devel', 'xz-devel', 'openssl', 'openssl-devel', 'curl-devel', 'uuid-devel', 'libffi-devel', 'kernel-headers', 'perl-IPC-Cmd'],
    },
    packageNamePattern: /^[A-Za-z0-9][A-Za-z0-9._+-]*$/,
    citation: PKGS,
  },
  debian: {
    name: 'debian',
    libc: 'glibc',
    packages: {
      manylinuxDeps: ['libc6-dev', 'libglib2.0-dev', 'libx11-dev', 'libxext-dev', 'libxrender-dev', 'libgl1-mesa-dev', 'libice-dev', 'libsm-dev', 'zlib1g-dev', 'libexpat1-dev'],
      runtimeDeps: ['zlib1g', 'libbz2-1.0', 'libexpat1', 'libncurses6', 'libreadline8', 'tk', 'libgdbm6', 'libdb5.3', 'liblzma5', 'libcurl4', 'uuid'],
      // git-lfs from the distro (Debian 11+ main, Ubuntu universe); upstream installs its release binary.
      baseTools: [...COMMON_BASE_TOOLS, 'git-lfs', 'gpg', 'gpg-agent', 'hardlink', 'hostname', 'locales', 'openssl', 'xz-utils'],
      compileDeps: ['libbz2-dev', 'libncurses-dev', 'libreadline-dev', 'tk-dev', 'libgdbm-dev', 'libdb-dev', 'liblzma-dev', 'openssl', 'libssl-dev', 'libcurl4-openssl-dev', 'uuid-dev', 'libffi-dev'],
    },
    // Debian policy: lower case, digits, + - . (https://www.debian.org/doc/debian-policy/ch-controlfields.html#source)
    packageNamePattern: /^[a-z0-9][a-z0-9+.-]+$/,
    citation: PKGS,
  },
  alpine: {
    name: 'alpine',
    libc: 'musl',
    packages: {
      manylinuxDeps: ['musl-dev', 'libstdc++', 'glib-dev', 'libx11-dev', 'libxext-dev', 'libxrender-dev', 'mesa-dev', 'libice-dev', 'libsm-dev', 'zlib-dev', 'expat-dev'],
      runtimeDeps: ['zlib', 'bzip2', 'expat', 'ncurses-libs', 'readline', 'tk', 'gdbm', 'xz', 'openssl', 'libcurl', 'libuuid', 'libffi'],
      baseTools: [...COMMON_BASE_TOOLS, 'git-lfs', 'gnupg', 'util-linux', 'shadow', 'tar'],
      compileDeps: ['bzip2-dev', 'ncurses-dev', 'readline-dev', 'tk-dev', 'gdbm-dev', 'xz-dev', 'openssl', 'openssl-dev', 'curl-dev', 'util-linux-dev', 'libffi-dev', 'linux-headers'],
    },
    packageNamePattern: /^[a-z0-9][a-z0-9._+-]*$/,
    bootstrapPackages: ['bash'],
    defaultShell: '/bin/bash',
    citation: `${PKGS}; pypa/manylinux@ad3c453:docker/build_scripts/install-entrypoint.sh (apk add bash, chsh)`,
  },
};
