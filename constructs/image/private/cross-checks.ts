import { ALL_ARCHES, ARCHITECTURES, CROSS_TOOLCHAINS, crossToolchainFor, isArch, runsNatively } from '../../../policies';
import type { Arch, ArchInfo, BaseImage, CrossTarget, CrossToolchain } from '../../../policies';
import { fail, show } from '../../private/errors';
import { IMAGE_REFERENCE } from '../../private/formats';
import { lockedBaseDigest, repositoryBaseLock } from '../base-lock';
import { checkDigest } from './image-checks';

/** An image's CPython stages cross-compiled on the build machine. */
export interface CrossPlan {
  readonly toolchain: CrossToolchain;
  readonly target: CrossTarget;
  /** The base image for the build machine's arch: the same release the target image is built on. */
  readonly hostReference: string;
  readonly hostDigest: string | null;
  /** The build machine's Docker platform (`linux/amd64`): the cross stages' FROM --platform. */
  readonly hostPlatform: string;
}

/** Where and how an image's compile stages run. */
export interface BuildPlacement {
  /** The arch of the machine (runner, engine) that builds the image. */
  readonly buildArch: Arch;
  /** The image's own commands run under QEMU on that machine. */
  readonly emulated: boolean;
  readonly cross: CrossPlan | null;
}

/**
 * Resolves where an image is built (`buildArch`, default the arch table's runner) and whether its
 * CPython stages are cross-compiled (`crossCompile`, default: where the build is emulated and a
 * cross toolchain for the base and arch is on by default).
 */
export function resolvePlacement(id: string, arch: Arch, archInfo: ArchInfo, base: BaseImage,
  options: { readonly buildArch?: unknown; readonly crossCompile?: unknown; readonly crossHostDigest?: string }): BuildPlacement {
  const given = options.buildArch ?? archInfo.runnerArch;
  if (typeof given !== 'string' || !isArch(given)) {
    fail(id, { what: `buildArch ${show(given)} is not an architecture`, allowed: ALL_ARCHES, fix: "name the build machine's arch, e.g. buildArch: 'x86_64'" });
  }
  const buildArch: Arch = given;
  const emulated = !runsNatively(buildArch, arch);
  const toolchain = crossToolchainFor(base.key, arch);
  const wanted = options.crossCompile ?? (emulated && toolchain?.defaultOn === true);
  if (!wanted) {
    if (options.crossHostDigest !== undefined) {
      const [why, fix] = !emulated
        ? [`the ${buildArch} build machine runs ${arch} natively`, `leave crossHostDigest out (a cross host exists only where another machine's arch builds the image: buildArch)`]
        : options.crossCompile === false
          ? ['crossCompile is false', 'leave crossHostDigest out, or set crossCompile: true']
          : [`no cross toolchain for ${arch} on base ${base.key} is on by default`, 'leave crossHostDigest out, or set crossCompile: true'];
      fail(id, { what: `crossHostDigest ${show(options.crossHostDigest)} is set, but the image cross-compiles nothing: ${why}`, fix });
    }
    return { buildArch, emulated, cross: null };
  }
  if (!emulated) {
    fail(id, {
      what: `crossCompile is set, but a ${buildArch} machine builds ${arch} natively (buildArch ${show(buildArch)})`,
      fix: `leave crossCompile out, or build on another machine (buildArch: 'x86_64' for an emulated ${arch} build)`,
    });
  }
  if (toolchain === undefined) {
    const offered = CROSS_TOOLCHAINS.flatMap((t) => t.availableOn.flatMap((key) =>
      Object.keys(t.targets).map((target) => `${key} ${target} (${t.name})`)));
    fail(id, {
      what: `no cross toolchain compiles for ${arch} on base ${base.key}`,
      allowed: offered,
      fix: 'leave crossCompile out (the compile stages then run emulated), or add a target to policies/cross-toolchains.ts',
    });
  }
  const hostReference = base.references[buildArch];
  if (hostReference === undefined || !IMAGE_REFERENCE.test(hostReference)) {
    fail(id, {
      what: `cross-compiling on ${buildArch} needs base image ${base.key} for ${buildArch}, which has ${hostReference === undefined ? 'no reference' : `the invalid reference ${show(hostReference)}`}`,
      allowed: Object.keys(base.references),
      fix: `add references.${buildArch} to the base image record, or set crossCompile: false`,
    });
  }
  return {
    buildArch,
    emulated,
    cross: {
      toolchain,
      target: toolchain.targets[arch]!,
      hostReference,
      hostDigest: checkDigest(id, options.crossHostDigest ?? lockedBaseDigest(repositoryBaseLock(), hostReference, buildArch), 'crossHostDigest'),
      hostPlatform: ARCHITECTURES[buildArch].dockerPlatform,
    },
  };
}
