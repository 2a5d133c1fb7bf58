import { ALMALINUX_10, ROCKYLINUX_10 } from './base-images';
import { LIBS_2_24 } from './lib-whitelists';
import { EL10_GCC } from './toolchains';
import type { Policy } from './types';

/** manylinux_2_39: glibc 2.39. */
export const manylinux_2_39: Policy = {
  name: 'manylinux_2_39',
  publishedName: 'manylinux_2_39',
  aliases: [],
  priority: 53,
  libc: { kind: 'glibc', version: '2.39' },
  status: { kind: 'alpha' },
  libWhitelist: LIBS_2_24,
  symbolVersions: {
    x86_64: { GLIBC: '2.39', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    i686: { GLIBC: '2.39', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    aarch64: { GLIBC: '2.39', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    ppc64le: { GLIBC: '2.39', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    s390x: { GLIBC: '2.39', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    armv7l: { GLIBC: '2.39', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    riscv64: { GLIBC: '2.39', GLIBCXX: '3.4.33', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
    loongarch64: { GLIBC: '2.39', GLIBCXX: '3.4.32', CXXABI: '1.3.15', GCC: '14.0.0', ZLIB: '1.2.12', LIBATOMIC: '1.2' },
  },
  compatibleDistros: ['Debian 13+', 'Ubuntu 24.04+', 'Fedora 40+', 'CentOS/RHEL 10+'],
  minimumPip: '20.3',
  images: [
    { base: ALMALINUX_10, toolchain: EL10_GCC, arches: ['aarch64'] },
    { base: ROCKYLINUX_10, toolchain: EL10_GCC },
  ],
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/manylinux-policy.json; pypa/manylinux@ad3c453:README.rst (compatible distros); pypa/manylinux@ad3c453:README.rst (pip); images: pypa/manylinux build.sh',
};
