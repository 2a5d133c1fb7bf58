import { LIBS_2_24 } from './lib-whitelists';
import type { Policy } from './types';

/** manylinux_2_41: glibc 2.41. */
export const manylinux_2_41: Policy = {
  name: 'manylinux_2_41',
  publishedName: 'manylinux_2_41',
  aliases: [],
  priority: 51,
  libc: { kind: 'glibc', version: '2.41' },
  status: { kind: 'supported' },
  libWhitelist: LIBS_2_24,
  symbolVersions: {
    x86_64: { GLIBC: '2.41', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    i686: { GLIBC: '2.41', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    aarch64: { GLIBC: '2.41', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    ppc64le: { GLIBC: '2.41', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    s390x: { GLIBC: '2.41', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    armv7l: { GLIBC: '2.41', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    riscv64: { GLIBC: '2.41', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    loongarch64: { GLIBC: '2.41', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
  },
  compatibleDistros: ['Debian 13+', 'Fedora 42+', 'Ubuntu 25.04+'],
  minimumPip: '20.3',
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/manylinux-policy.json; mayeut/pep600_compliance@2d70275:README.rst (compatible distros); pypa/manylinux@ad3c453:README.rst (pip)',
};
