import { DEBIAN_9 } from './base-images';
import { LIBS_2_24 } from './lib-whitelists';
import { DEBIAN_9_GCC } from './toolchains';
import type { Policy } from './types';

/** manylinux_2_24: glibc 2.24. */
export const manylinux_2_24: Policy = {
  name: 'manylinux_2_24',
  publishedName: 'manylinux_2_24',
  aliases: [],
  priority: 70,
  libc: { kind: 'glibc', version: '2.24' },
  status: { kind: 'end-of-life', since: '2023-01-01', reference: 'pypa/manylinux#1332' },
  libWhitelist: LIBS_2_24,
  symbolVersions: {
    x86_64: { GLIBC: '2.24', GLIBCXX: '3.4.22', CXXABI: '1.3.10', GCC: '4.8.0', ZLIB: '1.2.5.2', LIBATOMIC: '1.2' },
    i686: { GLIBC: '2.24', GLIBCXX: '3.4.22', CXXABI: '1.3.10', GCC: '4.8.0', ZLIB: '1.2.5.2', LIBATOMIC: '1.2' },
    aarch64: { GLIBC: '2.24', GLIBCXX: '3.4.22', CXXABI: '1.3.10', GCC: '4.7.0', ZLIB: '1.2.5.2', LIBATOMIC: '1.2' },
    ppc64le: { GLIBC: '2.24', GLIBCXX: '3.4.22', CXXABI: '1.3.10', GCC: '4.7.0', ZLIB: '1.2.5.2', LIBATOMIC: '1.2' },
    s390x: { GLIBC: '2.24', GLIBCXX: '3.4.22', CXXABI: '1.3.10', GCC: '4.7.0', ZLIB: '1.2.5.2', LIBATOMIC: '1.2' },
    armv7l: { GLIBC: '2.24', GLIBCXX: '3.4.22', CXXABI: '1.3.10', GCC: '4.7.0', ZLIB: '1.2.5.2', LIBATOMIC: '1.2' },
  },
  compatibleDistros: ['Debian 9+'],
  minimumPip: '20.3',
  images: [
    { base: DEBIAN_9, toolchain: DEBIAN_9_GCC },
  ],
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/manylinux-policy.json; mayeut/pep600_compliance@2d70275:README.rst (compatible distros); pypa/manylinux@ad3c453:README.rst (pip); images: pypa/manylinux build.sh',
};
