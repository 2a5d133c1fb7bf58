import { CENTOS_6 } from './base-images';
import { LIBS_2_12 } from './lib-whitelists';
import { DEVTOOLSET_8 } from './toolchains';
import type { Policy } from './types';

/** manylinux2010 (manylinux_2_12): glibc 2.12. */
export const manylinux2010: Policy = {
  name: 'manylinux_2_12',
  publishedName: 'manylinux2010',
  aliases: ['manylinux2010'],
  priority: 90,
  libc: { kind: 'glibc', version: '2.12' },
  status: { kind: 'end-of-life', since: '2022-08-01', reference: 'pypa/manylinux#1281' },
  libWhitelist: LIBS_2_12,
  symbolVersions: {
    x86_64: { GLIBC: '2.12', GLIBCXX: '3.4.13', CXXABI: '1.3.3', GCC: '4.3.0', ZLIB: '1.2.2.4', LIBATOMIC: null },
    i686: { GLIBC: '2.12', GLIBCXX: '3.4.13', CXXABI: '1.3.3', GCC: '4.5.0', ZLIB: '1.2.2.4', LIBATOMIC: null },
  },
  compatibleDistros: ['Oracle Linux 6+'],
  minimumPip: '19.0',
  images: [
    { base: CENTOS_6, toolchain: DEVTOOLSET_8 },
  ],
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/manylinux-policy.json; mayeut/pep600_compliance@2d70275:README.rst (compatible distros); pypa/manylinux@ad3c453:README.rst (pip); images: pypa/manylinux build.sh',
};
