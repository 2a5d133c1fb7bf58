import { UBUNTU_22_04 } from './base-images';
import { LIBS_2_24 } from './lib-whitelists';
import { UBUNTU_22_04_GCC } from './toolchains';
import type { Policy } from './types';

/** manylinux_2_35: glibc 2.35. */
export const manylinux_2_35: Policy = {
  name: 'manylinux_2_35',
  publishedName: 'manylinux_2_35',
  aliases: [],
  priority: 57,
  libc: { kind: 'glibc', version: '2.35' },
  status: { kind: 'supported' },
  libWhitelist: LIBS_2_24,
  symbolVersions: {
    x86_64: { GLIBC: '2.35', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '12.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    i686: { GLIBC: '2.35', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '12.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    aarch64: { GLIBC: '2.35', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '11.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    ppc64le: { GLIBC: '2.35', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    s390x: { GLIBC: '2.35', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    armv7l: { GLIBC: '2.35', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    riscv64: { GLIBC: '2.35', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
  },
  compatibleDistros: ['Debian 12+', 'Ubuntu 22.04+'],
  minimumPip: '20.3',
  images: [
    { base: UBUNTU_22_04, toolchain: UBUNTU_22_04_GCC, arches: ['armv7l'] },
  ],
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/manylinux-policy.json; pypa/manylinux@ad3c453:README.rst (compatible distros); pypa/manylinux@ad3c453:README.rst (pip); images: pypa/manylinux build.sh',
};
