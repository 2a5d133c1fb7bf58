/**
 * The policy catalogue: every policy by its published name, and the catalogues they point to.
 */
import { manylinux1 } from './manylinux1';
import { manylinux2010 } from './manylinux2010';
import { manylinux2014 } from './manylinux2014';
import { manylinux_2_24 } from './manylinux_2_24';
import { manylinux_2_26 } from './manylinux_2_26';
import { manylinux_2_27 } from './manylinux_2_27';
import { manylinux_2_28 } from './manylinux_2_28';
import { manylinux_2_31 } from './manylinux_2_31';
import { manylinux_2_34 } from './manylinux_2_34';
import { manylinux_2_35 } from './manylinux_2_35';
import { manylinux_2_36 } from './manylinux_2_36';
import { manylinux_2_37 } from './manylinux_2_37';
import { manylinux_2_38 } from './manylinux_2_38';
import { manylinux_2_39 } from './manylinux_2_39';
import { manylinux_2_40 } from './manylinux_2_40';
import { manylinux_2_41 } from './manylinux_2_41';
import { musllinux_1_1 } from './musllinux_1_1';
import { musllinux_1_2 } from './musllinux_1_2';
import type { Policy } from './types';

export { manylinux1, manylinux2010, manylinux2014, manylinux_2_24, manylinux_2_26, manylinux_2_27, manylinux_2_28, manylinux_2_31, manylinux_2_34, manylinux_2_35, manylinux_2_36, manylinux_2_37, manylinux_2_38, manylinux_2_39, manylinux_2_40, manylinux_2_41, musllinux_1_1, musllinux_1_2 };
export * from './types';
export * from './architectures';
export * from './base-images';
export * from './distro-families';
export * from './interpreters';
export * from './lib-whitelists';
export * from './package-managers';
export * from './native-sources';
export * from './recipes';
export * from './repositories';
export * from './toolchains';
export * from './cross-toolchains';
export * from './tools';

/** Every policy auditwheel knows, oldest first. */
export const ALL_POLICIES: readonly Policy[] = [
  manylinux1, manylinux2010, manylinux2014, manylinux_2_24, manylinux_2_26, manylinux_2_27,
  manylinux_2_28, manylinux_2_31, manylinux_2_34, manylinux_2_35, manylinux_2_36, manylinux_2_37,
  manylinux_2_38, manylinux_2_39, manylinux_2_40, manylinux_2_41, musllinux_1_1, musllinux_1_2,
];

/** Policies whose images are published today: the default fleet. */
export const PUBLISHED_POLICIES: readonly Policy[] = ALL_POLICIES.filter(
  (policy) => policy.images !== undefined && policy.status.kind !== 'end-of-life',
);
