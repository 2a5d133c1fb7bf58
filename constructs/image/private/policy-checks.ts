import { ALL_POLICIES, isArch, policyArches, policyRecipes } from '../../../policies';
import type { Arch, ArchRecipe, BaseImage, Policy, Toolchain } from '../../../policies';
import { fail, show } from '../../private/errors';
import { imageIdOf } from '../../private/naming';

/** The checks of an image's policy and arch: each throws a message naming the image id, the value and the fix. */

export function resolveArch(policy: Policy, arch: string): Arch {
  if (!isArch(arch)) {
    const offered = policy.images ? policyArches(policy) : Object.keys(policy.symbolVersions);
    fail(imageIdOf(policy.publishedName, arch), {
      what: `arch ${show(arch)} is not an architecture name`,
      allowed: offered,
      fix: 'use the wheel-tag spelling (x86_64 not amd64, aarch64 not arm64, i686 not 386)',
    });
  }
  return arch;
}

/**
 * The recipe of the image: the policy's for the arch, or the caller's base image and toolchain.
 * Also refuses an end-of-life policy without opt-in and an arch auditwheel has no policy for.
 */
export function resolveRecipe(id: string, policy: Policy, arch: Arch, options: {
  readonly baseImage?: BaseImage; readonly toolchain?: Toolchain; readonly allowEndOfLife?: boolean;
}): ArchRecipe {
  if (policy.status.kind === 'end-of-life' && options.allowEndOfLife !== true) {
    fail(id, {
      what: `policy ${policy.publishedName} reached end of life on ${policy.status.since} (${policy.status.reference}), got allowEndOfLife ${show(options.allowEndOfLife ?? false)}`,
      allowed: supportedAlternatives(policy.libc.kind, arch),
      fix: 'pass allowEndOfLife: true to build it anyway, or use a supported policy',
    });
  }
  const recipe = policyRecipes(policy)[arch];
  if (recipe === undefined && (options.baseImage === undefined || options.toolchain === undefined)) {
    fail(id, {
      what: policy.images === undefined
        ? `policy ${policy.publishedName} has no image recipe`
        : `arch ${show(arch)} is not supported by ${policy.publishedName}`,
      allowed: policy.images === undefined ? undefined : policyArches(policy),
      fix: policy.images === undefined
        ? 'pass baseImage and toolchain for it'
        : `drop it${alternativeFor(policy, arch)}, or pass baseImage and toolchain`,
    });
  }
  if (policy.symbolVersions[arch] === undefined) {
    fail(id, {
      what: `auditwheel defines no ${policy.publishedName} policy for arch ${show(arch)}`,
      allowed: Object.keys(policy.symbolVersions),
      fix: `drop it${alternativeFor(policy, arch)}`,
    });
  }
  return { base: options.baseImage ?? recipe!.base, toolchain: options.toolchain ?? recipe!.toolchain };
}

/**
 * ` or use <policy>` naming the most compatible policy that publishes an image for the arch:
 * the oldest fully supported one, else the oldest in alpha/beta.
 */
function alternativeFor(policy: Policy, arch: Arch): string {
  const candidates = ALL_POLICIES.filter((p) => p.libc.kind === policy.libc.kind && policyRecipes(p)[arch] !== undefined);
  const pick = candidates.find((p) => p.status.kind === 'supported')
    ?? candidates.find((p) => p.status.kind !== 'end-of-life');
  return pick ? ` or use ${pick.publishedName}` : '';
}

function supportedAlternatives(libc: Policy['libc']['kind'], arch: Arch): string[] {
  return ALL_POLICIES
    .filter((p) => p.libc.kind === libc && p.status.kind !== 'end-of-life' && policyRecipes(p)[arch] !== undefined)
    .map((p) => p.publishedName);
}
