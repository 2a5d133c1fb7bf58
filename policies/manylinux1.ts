import { CENTOS_5 } from './base-images';
import { LIBS_2_5 } from './lib-whitelists';
import { DEVTOOLSET_2 } from './toolchains';
import type { Policy } from './types';

/** manylinux1 (manylinux_2_5): glibc 2.5. */
export const manylinux1: Policy = {
  name: 'manylinux_2_5',
  publishedName: 'manylinux1',
  aliases: ['manylinux1'],
  priority: 100,
  libc: { kind: 'glibc', version: '2.5' },
  status: { kind: 'end-of-life', since: '2022-01-01', reference: 'pypa/manylinux#994' },
  libWhitelist: LIBS_2_5,
  symbolVersions: {
    x86_64: { GLIBC: '2.5', GLIBCXX: '3.4.8', CXXABI: '1.3.1', GCC: '4.2.0', ZLIB: null, LIBATOMIC: null },
    i686: { GLIBC: '2.5', GLIBCXX: '3.4.8', CXXABI: '1.3.1', GCC: '4.2.0', ZLIB: null, LIBATOMIC: null },
  },
  compatibleDistros: [],
  minimumPip: '8.1.0',
  images: [
    { base: CENTOS_5, toolchain: DEVTOOLSET_2 },
  ],
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/manylinux-policy.json; mayeut/pep600_compliance@2d70275:README.rst (compatible distros); pypa/manylinux@ad3c453:README.rst (pip); images: pypa/manylinux build.sh',
};
