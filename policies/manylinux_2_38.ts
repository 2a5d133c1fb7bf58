import { LIBS_2_24 } from './lib-whitelists';
import type { Policy } from './types';

/** manylinux_2_38: glibc 2.38. */
export const manylinux_2_38: Policy = {
  name: 'manylinux_2_38',
  publishedName: 'manylinux_2_38',
  aliases: [],
  priority: 54,
  libc: { kind: 'glibc', version: '2.38' },
  status: { kind: 'supported' },
  libWhitelist: LIBS_2_24,
  symbolVersions: {
    x86_64: { GLIBC: '2.38', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '12.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    i686: { GLIBC: '2.38', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '12.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    aarch64: { GLIBC: '2.38', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '11.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    ppc64le: { GLIBC: '2.38', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    s390x: { GLIBC: '2.38', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    armv7l: { GLIBC: '2.38', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    riscv64: { GLIBC: '2.38', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    loongarch64: { GLIBC: '2.38', GLIBCXX: '3.4.30', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
  },
  compatibleDistros: ['ALT Linux p11+', 'Anolis OS 23+', 'Fedora 39+', 'OpenCloudOS 9+', 'openEuler 24.03+', 'openSUSE 15.6+', 'Ubuntu 23.10+'],
  minimumPip: '20.3',
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/manylinux-policy.json; mayeut/pep600_compliance@2d70275:README.rst (compatible distros); pypa/manylinux@ad3c453:README.rst (pip)',
};
