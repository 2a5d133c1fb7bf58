import { LIBS_2_24 } from './lib-whitelists';
import type { Policy } from './types';

/** manylinux_2_40: glibc 2.40. */
export const manylinux_2_40: Policy = {
  name: 'manylinux_2_40',
  publishedName: 'manylinux_2_40',
  aliases: [],
  priority: 52,
  libc: { kind: 'glibc', version: '2.40' },
  status: { kind: 'supported' },
  libWhitelist: LIBS_2_24,
  symbolVersions: {
    x86_64: { GLIBC: '2.40', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    i686: { GLIBC: '2.40', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    aarch64: { GLIBC: '2.40', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    ppc64le: { GLIBC: '2.40', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    s390x: { GLIBC: '2.40', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    armv7l: { GLIBC: '2.40', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    riscv64: { GLIBC: '2.40', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    loongarch64: { GLIBC: '2.40', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
  },
  compatibleDistros: ['Fedora 41+', 'openSUSE 16.0+', 'Ubuntu 24.10+'],
  minimumPip: '20.3',
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/manylinux-policy.json; mayeut/pep600_compliance@2d70275:README.rst (compatible distros); pypa/manylinux@ad3c453:README.rst (pip)',
};
