import { ALMALINUX_8 } from './base-images';
import { LIBS_2_24 } from './lib-whitelists';
import { GCC_TOOLSET_14 } from './toolchains';
import type { Policy } from './types';

/** manylinux_2_28: glibc 2.28. */
export const manylinux_2_28: Policy = {
  name: 'manylinux_2_28',
  publishedName: 'manylinux_2_28',
  aliases: [],
  priority: 64,
  libc: { kind: 'glibc', version: '2.28' },
  status: { kind: 'supported' },
  libWhitelist: LIBS_2_24,
  symbolVersions: {
    x86_64: { GLIBC: '2.28', GLIBCXX: '3.4.24', CXXABI: '1.3.11', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    i686: { GLIBC: '2.28', GLIBCXX: '3.4.24', CXXABI: '1.3.11', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    aarch64: { GLIBC: '2.28', GLIBCXX: '3.4.24', CXXABI: '1.3.11', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    ppc64le: { GLIBC: '2.28', GLIBCXX: '3.4.24', CXXABI: '1.3.11', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    s390x: { GLIBC: '2.28', GLIBCXX: '3.4.24', CXXABI: '1.3.11', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    armv7l: { GLIBC: '2.28', GLIBCXX: '3.4.24', CXXABI: '1.3.11', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
  },
  compatibleDistros: ['Debian 10+', 'Ubuntu 18.10+', 'Fedora 29+', 'CentOS/RHEL 8+'],
  minimumPip: '20.3',
  images: [
    { base: ALMALINUX_8, toolchain: GCC_TOOLSET_14 },
  ],
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/manylinux-policy.json; pypa/manylinux@ad3c453:README.rst (compatible distros); pypa/manylinux@ad3c453:README.rst (pip); images: pypa/manylinux build.sh',
};
