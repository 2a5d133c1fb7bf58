import type { SymbolVersionCaps } from './types';

/**
 * Libraries a wheel may use from the system, per policy generation
 * (pypa/auditwheel@86154d1:src/auditwheel/policy/manylinux-policy.json, musllinux-policy.json).
 */

/** manylinux_2_5 (manylinux1). */
export const LIBS_2_5: readonly string[] = [
  'libGL.so.1', 'libICE.so.6', 'libSM.so.6', 'libX11.so.6', 'libXext.so.6', 'libXrender.so.1', 'libanl.so.1',
  'libatomic.so.1', 'libc.so.6', 'libdl.so.2', 'libgcc_s.so.1', 'libglib-2.0.so.0', 'libgobject-2.0.so.0',
  'libgthread-2.0.so.0', 'libm.so.6', 'libnsl.so.1', 'libpthread.so.0', 'libresolv.so.2', 'librt.so.1',
  'libstdc++.so.6', 'libutil.so.1', 'libz.so.1',
];

/** manylinux_2_12 and manylinux_2_17: adds libexpat. */
export const LIBS_2_12: readonly string[] = [...LIBS_2_5, 'libexpat.so.1'];

/** manylinux_2_24 … manylinux_2_41: adds libmvec. */
export const LIBS_2_24: readonly string[] = [...LIBS_2_12, 'libmvec.so.1'];

/** musllinux_1_1 and musllinux_1_2 (`libc.so` stands for the per-arch musl soname). */
export const LIBS_MUSL: readonly string[] = ['libc.so', 'libz.so.1'];

/** Symbol caps of a policy that lists an arch with empty version lists (every musllinux arch). */
export const NO_SYMBOL_CAPS: SymbolVersionCaps = { GLIBC: null, GLIBCXX: null, CXXABI: null, GCC: null, ZLIB: null, LIBATOMIC: null };
