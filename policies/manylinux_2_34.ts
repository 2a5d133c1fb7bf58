import { ALMALINUX_9 } from './base-images';
import { LIBS_2_24 } from './lib-whitelists';
import { GCC_TOOLSET_14 } from './toolchains';
import type { Policy } from './types';

/** manylinux_2_34: glibc 2.34. */
export const manylinux_2_34: Policy = {
  name: 'manylinux_2_34',
  publishedName: 'manylinux_2_34',
  aliases: [],
  priority: 58,
  libc: { kind: 'glibc', version: '2.34' },
  status: { kind: 'alpha' },
  libWhitelist: LIBS_2_24,
  symbolVersions: {
    x86_64: { GLIBC: '2.34', GLIBCXX: '3.4.29', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    i686: { GLIBC: '2.34', GLIBCXX: '3.4.29', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    aarch64: { GLIBC: '2.34', GLIBCXX: '3.4.29', CXXABI: '1.3.13', GCC: '11.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    ppc64le: { GLIBC: '2.34', GLIBCXX: '3.4.29', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    s390x: { GLIBC: '2.34', GLIBCXX: '3.4.29', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    armv7l: { GLIBC: '2.34', GLIBCXX: '3.4.29', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
    riscv64: { GLIBC: '2.34', GLIBCXX: '3.4.29', CXXABI: '1.3.13', GCC: '7.0.0', ZLIB: '1.2.9', LIBATOMIC: '1.2' },
  },
  compatibleDistros: ['Debian 12+', 'Ubuntu 21.10+', 'Fedora 35+', 'CentOS/RHEL 9+'],
  minimumPip: '20.3',
  images: [
    { base: ALMALINUX_9, toolchain: GCC_TOOLSET_14 },
  ],
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/manylinux-policy.json; pypa/manylinux@ad3c453:README.rst (compatible distros); pypa/manylinux@ad3c453:README.rst (pip); images: pypa/manylinux build.sh',
};
