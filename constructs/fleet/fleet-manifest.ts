import type { FleetManifest, FleetModel, ManifestImage } from './fleet-model';

/** Version of the fleet.json layout. */
export const FLEET_SCHEMA_VERSION = 1;

/** File name of the fleet manifest inside the synth output folder. */
export const FLEET_MANIFEST_FILE = 'fleet.json';

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
      cacheImages: image.cacheImages,
      crossHost: image.crossHost,
    })),
  };
}

/** Renders fleet.json: images sorted by id (the model's order), keys in a stable order, trailing newline. */
export function renderFleetManifest(model: FleetModel): string {
  return `${JSON.stringify(toManifest(model), null, 2)}\n`;
}
