import { ALPINE_3_22 } from './base-images';
import { LIBS_MUSL, NO_SYMBOL_CAPS } from './lib-whitelists';
import { ALPINE_3_22_GCC } from './toolchains';
import type { Policy } from './types';

/**
 * musllinux_1_2: musl 1.2.
 *
 * auditwheel gives every arch an empty symbol-version list: a musllinux policy caps only the
 * musl version itself.
 */
export const musllinux_1_2: Policy = {
  name: 'musllinux_1_2',
  publishedName: 'musllinux_1_2',
  aliases: [],
  priority: 90,
  libc: { kind: 'musl', version: '1.2' },
  status: { kind: 'supported' },
  libWhitelist: LIBS_MUSL,
  symbolVersions: {
    i686: NO_SYMBOL_CAPS,
    x86_64: NO_SYMBOL_CAPS,
    aarch64: NO_SYMBOL_CAPS,
    ppc64le: NO_SYMBOL_CAPS,
    s390x: NO_SYMBOL_CAPS,
    armv7l: NO_SYMBOL_CAPS,
    riscv64: NO_SYMBOL_CAPS,
    loongarch64: NO_SYMBOL_CAPS,
  },
  compatibleDistros: ['Alpine 3.13+'],
  minimumPip: null,
  images: [
    { base: ALPINE_3_22, toolchain: ALPINE_3_22_GCC, arches: ['x86_64', 'i686', 'aarch64', 'ppc64le', 's390x', 'armv7l', 'riscv64'] },
  ],
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/musllinux-policy.json; pypa/manylinux@ad3c453:README.rst (compatible distros); images: pypa/manylinux build.sh',
};
