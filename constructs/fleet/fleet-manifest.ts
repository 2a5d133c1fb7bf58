import type { FleetModel } from './fleet-model';

/** Version of the fleet.json layout. */
export const FLEET_SCHEMA_VERSION = 1;

/** File name of the fleet manifest inside the synth output folder. */
export const FLEET_MANIFEST_FILE = 'fleet.json';

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

/** The manifest of a fleet: the model less what only the process needs (parent links). */
export function toManifest(model: FleetModel): FleetManifest {
  return {
    schemaVersion: FLEET_SCHEMA_VERSION,
    registry: model.registry,
    images: model.images.map((image): ManifestImage => ({
      id: image.id,
      policy: image.policy,
      policyAliases: image.policyAliases,
      arch: image.arch,
      platform: image.platform,
      repository: image.repository,
      tags: image.tags,
      specHash: image.specHash,
      base: image.base,
      toolchain: image.toolchain,
      interpreters: image.interpreters,
      tools: image.tools,
      runner: image.runner,
      emulated: image.emulated,
      stack: image.stack,
    })),
  };
}

/** Renders fleet.json: images sorted by id (the model's order), keys in a stable order, trailing newline. */
export function renderFleetManifest(model: FleetModel): string {
  return `${JSON.stringify(toManifest(model), null, 2)}\n`;
}
