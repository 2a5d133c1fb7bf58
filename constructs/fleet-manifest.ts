import type { ImageSpec } from './private/image-spec';

/** Version of the fleet.json layout. */
export const FLEET_SCHEMA_VERSION = 1;

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
  readonly stack: string;
}

/** The whole fleet.json document. */
export interface FleetManifest {
  readonly schemaVersion: number;
  readonly registry: string;
  readonly images: readonly ManifestImage[];
}

/** The tag that names an image's content: `spec-` + the first 12 hex digits of its spec hash. */
export function contentTag(specHash: string): string {
  return `spec-${specHash.slice(0, 12)}`;
}

/** Builds the manifest entry of one image. */
export function manifestImage(spec: ImageSpec, repository: string, specHash: string): ManifestImage {
  const { policy, base } = spec;
  return {
    id: spec.id,
    policy: policy.publishedName,
    policyAliases: [policy.name, ...policy.aliases].filter((name) => name !== policy.publishedName),
    arch: spec.arch,
    platform: spec.archInfo.dockerPlatform,
    repository,
    tags: [contentTag(specHash), 'latest', ...spec.extraTags],
    specHash,
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
    runner: spec.archInfo.runner,
    emulated: spec.archInfo.emulated,
    stack: spec.id,
  };
}

/** Renders fleet.json: images sorted by id, keys in a stable order, trailing newline. */
export function renderFleetManifest(registry: string, images: readonly ManifestImage[]): string {
  const manifest: FleetManifest = {
    schemaVersion: FLEET_SCHEMA_VERSION,
    registry,
    images: [...images].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
