import { ALL_ARCHES } from './architectures';
import type { Arch, BaseImage, Policy, Toolchain } from './types';

/** What one image of a policy is built from. */
export interface ArchRecipe {
  readonly base: BaseImage;
  readonly toolchain: Toolchain;
}

/**
 * The recipe of every arch a policy publishes an image for: each recipe covers the arches its
 * base image has a reference for, unless it lists its own. Arches come in the order of the
 * architecture table.
 */
export function policyRecipes(policy: Policy): Partial<Record<Arch, ArchRecipe>> {
  const byArch: Partial<Record<Arch, ArchRecipe>> = {};
  for (const recipe of policy.images ?? []) {
    const arches = recipe.arches ?? (Object.keys(recipe.base.references) as Arch[]);
    for (const arch of arches) {
      byArch[arch] = { base: recipe.base, toolchain: recipe.toolchain };
    }
  }
  return Object.fromEntries(ALL_ARCHES.filter((arch) => byArch[arch]).map((arch) => [arch, byArch[arch]]));
}

/** The arches a policy publishes images for, in table order. */
export function policyArches(policy: Policy): Arch[] {
  return Object.keys(policyRecipes(policy)) as Arch[];
}
