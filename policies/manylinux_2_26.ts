import { LIBS_2_24 } from './lib-whitelists';
import type { Policy } from './types';

/** manylinux_2_26: glibc 2.26. */
export const manylinux_2_26: Policy = {
  name: 'manylinux_2_26',
  publishedName: 'manylinux_2_26',
  aliases: [],
  priority: 68,
  libc: { kind: 'glibc', version: '2.26' },
  status: { kind: 'supported' },
  libWhitelist: LIBS_2_24,
  symbolVersions: {
    x86_64: { GLIBC: '2.26', GLIBCXX: '3.4.22', CXXABI: '1.3.10', GCC: '4.8.0', ZLIB: '1.2.5.2', LIBATOMIC: '1.2' },
    i686: { GLIBC: '2.26', GLIBCXX: '3.4.24', CXXABI: '1.3.11', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    aarch64: { GLIBC: '2.26', GLIBCXX: '3.4.24', CXXABI: '1.3.11', GCC: '7.0.0', ZLIB: '1.2.5.2', LIBATOMIC: '1.2' },
    ppc64le: { GLIBC: '2.26', GLIBCXX: '3.4.24', CXXABI: '1.3.11', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    s390x: { GLIBC: '2.26', GLIBCXX: '3.4.24', CXXABI: '1.3.11', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    armv7l: { GLIBC: '2.26', GLIBCXX: '3.4.24', CXXABI: '1.3.11', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
  },
  compatibleDistros: ['Amazon Linux 2+'],
  minimumPip: '20.3',
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/manylinux-policy.json; mayeut/pep600_compliance@2d70275:README.rst (compatible distros); pypa/manylinux@ad3c453:README.rst (pip)',
};
