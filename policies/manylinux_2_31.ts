import { UBUNTU_20_04 } from './base-images';
import { LIBS_2_24 } from './lib-whitelists';
import { UBUNTU_20_04_GCC } from './toolchains';
import type { Policy } from './types';

/** manylinux_2_31: glibc 2.31. */
export const manylinux_2_31: Policy = {
  name: 'manylinux_2_31',
  publishedName: 'manylinux_2_31',
  aliases: [],
  priority: 61,
  libc: { kind: 'glibc', version: '2.31' },
  status: { kind: 'supported' },
  libWhitelist: LIBS_2_24,
  symbolVersions: {
    x86_64: { GLIBC: '2.31', GLIBCXX: '3.4.28', CXXABI: '1.3.12', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    i686: { GLIBC: '2.31', GLIBCXX: '3.4.28', CXXABI: '1.3.12', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    aarch64: { GLIBC: '2.31', GLIBCXX: '3.4.28', CXXABI: '1.3.12', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    ppc64le: { GLIBC: '2.31', GLIBCXX: '3.4.28', CXXABI: '1.3.12', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    s390x: { GLIBC: '2.31', GLIBCXX: '3.4.28', CXXABI: '1.3.12', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    armv7l: { GLIBC: '2.31', GLIBCXX: '3.4.28', CXXABI: '1.3.12', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    riscv64: { GLIBC: '2.31', GLIBCXX: '3.4.28', CXXABI: '1.3.12', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
  },
  compatibleDistros: ['Debian 11+', 'Ubuntu 20.04+'],
  minimumPip: '20.3',
  images: [
    { base: UBUNTU_20_04, toolchain: UBUNTU_20_04_GCC, arches: ['armv7l'] },
  ],
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/manylinux-policy.json; pypa/manylinux@ad3c453:README.rst (compatible distros); pypa/manylinux@ad3c453:README.rst (pip); images: pypa/manylinux build.sh',
};
