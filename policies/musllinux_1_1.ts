import { ALPINE_3_12 } from './base-images';
import { LIBS_MUSL, NO_SYMBOL_CAPS } from './lib-whitelists';
import { ALPINE_3_12_GCC } from './toolchains';
import type { Policy } from './types';

/**
 * musllinux_1_1: musl 1.1.
 *
 * auditwheel gives every arch an empty symbol-version list: a musllinux policy caps only the
 * musl version itself.
 */
export const musllinux_1_1: Policy = {
  name: 'musllinux_1_1',
  publishedName: 'musllinux_1_1',
  aliases: [],
  priority: 100,
  libc: { kind: 'musl', version: '1.1' },
  status: { kind: 'end-of-life', since: '2024-11-01', reference: 'pypa/manylinux#1629' },
  libWhitelist: LIBS_MUSL,
  symbolVersions: {
    i686: NO_SYMBOL_CAPS,
    x86_64: NO_SYMBOL_CAPS,
    aarch64: NO_SYMBOL_CAPS,
    ppc64le: NO_SYMBOL_CAPS,
    s390x: NO_SYMBOL_CAPS,
    armv7l: NO_SYMBOL_CAPS,
    riscv64: NO_SYMBOL_CAPS,
  },
  compatibleDistros: [],
  minimumPip: null,
  images: [
    { base: ALPINE_3_12, toolchain: ALPINE_3_12_GCC },
  ],
  citation: 'pypa/auditwheel@86154d1:src/auditwheel/policy/musllinux-policy.json; pypa/manylinux@ad3c453:README.rst (compatible distros); images: pypa/manylinux build.sh',
};
