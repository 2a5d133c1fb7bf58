import { CENTOS_7 } from './base-images';
import { LIBS_2_12 } from './lib-whitelists';
import { DEVTOOLSET_10 } from './toolchains';
import type { Policy } from './types';

/** manylinux2014 (manylinux_2_17): glibc 2.17. */
export const manylinux2014: Policy = {
  name: 'manylinux_2_17',
  publishedName: 'manylinux2014',
  aliases: ['manylinux2014'],
  priority: 80,
  libc: { kind: 'glibc', version: '2.17' },
  status: { kind: 'supported' },
  libWhitelist: LIBS_2_12,
  symbolVersions: {
    x86_64: { GLIBC: '2.17', GLIBCXX: '3.4.19', CXXABI: '1.3.7', GCC: '4.8.0', ZLIB: '1.2.5.2', LIBATOMIC: null },
    i686: { GLIBC: '2.17', GLIBCXX: '3.4.19', CXXABI: '1.3.7', GCC: '4.8.0', ZLIB: '1.2.5.2', LIBATOMIC: '1.0' },
    aarch64: { GLIBC: '2.18', GLIBCXX: '3.4.19', CXXABI: '1.3.7', GCC: '4.7.0', ZLIB: '1.2.5.2', LIBATOMIC: '1.0' },
    ppc64: { GLIBC: '2.17', GLIBCXX: '3.4.19', CXXABI: '1.3.7', GCC: '4.8.0', ZLIB: '1.2.5.2', LIBATOMIC: '1.0' },
    ppc64le: { GLIBC: '2.17', GLIBCXX: '3.4.19', CXXABI: '1.3.7', GCC: '4.7.0', ZLIB: '1.2.5.2', LIBATOMIC: '1.0' },
    s390x: { GLIBC: '2.17', GLIBCXX: '3.4.19', CXXABI: '1.3.7', GCC: '4.7.0', ZLIB: '1.2.5.2', LIBATOMIC: null },
    armv7l: { GLIBC: '2.17', GLIBCXX: '3.4.19', CXXABI: '1.3.7', GCC: '4.7.0', ZLIB: '1.2.5.2', LIBATOMIC: '1.0' },
  },
  compatibleDistros: ['Debian 8+', 'Ubuntu 13.10+', 'Fedora 19+', 'RHEL 7+'],
  minimumPip: '19.3',
  images: [
    { base: CENTOS_7, toolchain: DEVTOOLSET_10 },
  ],
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/manylinux-policy.json; pypa/manylinux@ad3c453:README.rst (compatible distros); pypa/manylinux@ad3c453:README.rst (pip); images: pypa/manylinux build.sh',
};
