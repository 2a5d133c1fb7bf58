import { ARCHITECTURES } from '../../policies';
import { DerivedImage, ManylinuxImage } from '../image';
import { pushedTags } from '../private/naming';

/** One image in fleet.json (design.md §3; the key order here is the file's key order). */
export interface ManifestImage {
  readonly id: string;
  readonly policy: string;
  readonly policyAliases: readonly string[];
  readonly arch: string;
  readonly platform: string;
  readonly repository: string;
  readonly tags: readonly string[];
  readonly specHash: string;
  readonly base: {
    readonly image: string;
    readonly digest: string | null;
    readonly distro: string;
    readonly version: string;
    readonly family: string;
    readonly libc: string;
    readonly libcVersion: string;
  };
  readonly toolchain: { readonly name: string; readonly gcc: string };
  readonly interpreters: readonly { readonly tag: string; readonly implementation: string; readonly version: string; readonly installed: boolean }[];
  readonly tools: readonly { readonly name: string; readonly version: string }[];
  readonly runner: string;
  readonly emulated: boolean;
  /**
   * The build machine's base its cross-compiling stages start FROM (the same release for the
   * runner's arch), or null where nothing is cross-compiled. `fleet update bases` pins it as it
   * pins the image's own base. Absent in a fleet.json written before it was recorded.
   */
  readonly crossHost?: { readonly image: string; readonly digest: string | null; readonly arch: string; readonly platform: string } | null;
  readonly stack: string;
  /** The stage cache images every build of the image reads (none for a derived image). */
  readonly cacheImages: readonly { readonly stage: string; readonly reference: string; readonly inputsHash: string }[];
}

/** The whole fleet.json document. */
export interface FleetManifest {
  readonly schemaVersion: number;
  readonly registry: string;
  readonly images: readonly ManifestImage[];
}

/** One image of the fleet as every consumer sees it: the manifest's facts and its parent. */
export interface FleetImage extends ManifestImage {
  /** The fleet image a derived image is built FROM; null for a fleet image. */
  readonly parentId: string | null;
}

/** The typed fleet, computed once per synth: what fleet.json, the workflows and the CLI read. */
export interface FleetModel {
  readonly registry: string;
  /** Sorted by id. */
  readonly images: readonly FleetImage[];
}

/** The model of a set of image stacks. */
export function buildFleetModel(registry: string, images: readonly (ManylinuxImage | DerivedImage)[]): FleetModel {
  return {
    registry,
    images: images.map(fleetImageOf).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

function fleetImageOf(image: ManylinuxImage | DerivedImage): FleetImage {
  if (image instanceof DerivedImage) {
    const parent = fleetImageOf(image.parent);
    return {
      ...parent,
      id: image.imageId,
      repository: image.repository,
      tags: pushedTags(image.specHash, image.extraTags),
      specHash: image.specHash,
      base: { ...parent.base, image: image.from, digest: null },
      crossHost: null,
      stack: image.imageId,
      cacheImages: [],
      parentId: image.parent.imageId,
    };
  }
  const { spec, policy } = image;
  const { base } = spec;
  return {
    id: spec.id,
    policy: policy.publishedName,
    policyAliases: [policy.name, ...policy.aliases].filter((name) => name !== policy.publishedName),
    arch: spec.arch,
    platform: spec.archInfo.dockerPlatform,
    repository: image.repository,
    tags: pushedTags(image.specHash, spec.extraTags),
    specHash: image.specHash,
    base: {
      image: spec.baseReference,
      digest: spec.baseDigest,
      distro: base.distro,
      version: base.version,
      family: base.family,
      libc: base.libc,
      libcVersion: base.libcVersion,
    },
    toolchain: { name: spec.toolchain.name, gcc: spec.toolchain.gcc },
    interpreters: spec.interpreters.map(({ interpreter, installed }) => ({
      tag: interpreter.tag,
      implementation: interpreter.implementation,
      version: interpreter.version,
      installed,
    })),
    tools: spec.tools.map((tool) => ({ name: tool.name, version: tool.version })),
    runner: ARCHITECTURES[spec.buildArch].runner,
    emulated: spec.emulated,
    crossHost: spec.cross
      ? { image: spec.cross.hostReference, digest: spec.cross.hostDigest, arch: spec.buildArch, platform: spec.cross.hostPlatform }
      : null,
    stack: spec.id,
    cacheImages: image.cacheImages.map(({ stage, reference, inputsHash }) => ({ stage, reference, inputsHash })),
    parentId: null,
  };
}
