import { createHash } from 'crypto';
import { cacheRepositoryOf, cacheTag } from '../private/naming';
import type { Instruction, Stage } from './dockerfile-model';
import { IMAGE_STAGE, stageArchive } from './dockerfile-stages';
import { renderStage } from './dockerfile';

/** A stage of an image that is built as its own target and pushed as its stage image. */
export interface StageCache {
  /** The stage (the build's `target`). */
  readonly stage: string;
  /** sha256 over exactly the stage's build inputs (stageInputsHash). */
  readonly inputsHash: string;
  /** `<registry>/manylinux-fleet-cache:<image id>.<stage>.<first 24 hex of the inputs hash>` (naming.ts). */
  readonly reference: string;
}

/**
 * Every stage but the final one, each with the hash of its inputs and the reference its stage
 * image is pushed under. Each is built as its own target, reading its cache from its own
 * reference only: BuildKit's inline cache of a target holds the whole chain of that target,
 * and the engine's BuildKit (v0.8) matches a chain only inside one imported cache (it gives
 * each imported record a random id per import), so with several cache sources a stage's last
 * steps are missed even when its own cache image holds them (measured: docs/stage-cache.md).
 */
export function stageCaches(imageId: string, registry: string, stages: readonly Stage[], archives: ReadonlyMap<string, Buffer>, platform: string): StageCache[] {
  return stages.filter((stage) => stage.name !== IMAGE_STAGE).map((stage) => {
    const inputsHash = stageInputsHash(stage.name, stages, archives, platform);
    return { stage: stage.name, inputsHash, reference: `${cacheRepositoryOf(registry)}:${cacheTag(imageId, stage.name, inputsHash)}` };
  });
}

/**
 * The final stage built on the stage images: FROM and every COPY --from name a stage's image
 * by its reference instead of the stage, so the image is assembled from exactly what the stage
 * images hold, without BuildKit having to match any stage's cache again. A stage image of
 * another platform (a cross stage, built on the build machine's) is named through a stage of
 * its own, `FROM --platform=… <reference> AS <stage>_image`: COPY --from a reference resolves
 * it for the image's platform. Returns those stages, then the final one.
 */
export function onStageImages(stage: Stage, caches: readonly StageCache[], stages: readonly Stage[] = []): Stage[] {
  const references = new Map(caches.map((cache) => [cache.stage, cache.reference]));
  const aliases = new Map<string, Stage>();
  const resolve = (name: string, copied: boolean) => {
    const reference = references.get(name);
    const platform = copied ? stagePlatform(name, stages) : undefined;
    if (reference === undefined || platform === undefined) {
      return reference ?? name;
    }
    const alias = `${name}_image`;
    aliases.set(alias, { name: alias, from: reference, platform, instructions: [] });
    return alias;
  };
  const final: Stage = {
    ...stage,
    from: resolve(stage.from, false),
    instructions: stage.instructions.map((instruction): Instruction =>
      (instruction.kind === 'copy' && instruction.from ? { ...instruction, from: resolve(instruction.from, true) } : instruction)),
  };
  return [...aliases.values(), final];
}

/** The platform a stage runs on when it is not the image's: its own FROM --platform, or its parent stage's. */
export function stagePlatform(name: string, stages: readonly Stage[]): string | undefined {
  const byName = new Map(stages.map((stage) => [stage.name, stage]));
  for (let stage = byName.get(name); stage !== undefined; stage = byName.get(stage.from)) {
    if (stage.platform !== undefined) {
      return stage.platform;
    }
  }
  return undefined;
}

/**
 * sha256 over what a stage's result depends on: the platform, and for the stage and every
 * stage it builds FROM or copies from (transitively, in Dockerfile order) its Dockerfile text
 * (the base image reference included) and the sha256 of the archive it unpacks. These are the
 * inputs of BuildKit's cache keys for the stage, so a cache image addressed by this hash is
 * never one built from other inputs (and BuildKit checks its own keys on top).
 */
export function stageInputsHash(name: string, stages: readonly Stage[], archives: ReadonlyMap<string, Buffer>, platform: string): string {
  const byName = new Map(stages.map((stage) => [stage.name, stage]));
  const needed = new Set<string>();
  const visit = (stageName: string) => {
    const stage = byName.get(stageName);
    if (stage === undefined || needed.has(stageName)) {
      return;
    }
    needed.add(stageName);
    visit(stage.from);
    stage.instructions.forEach((instruction) => instruction.kind === 'copy' && instruction.from && visit(instruction.from));
  };
  visit(name);
  const hash = createHash('sha256').update(`platform ${platform}\n`);
  for (const stage of stages.filter((s) => needed.has(s.name))) {
    const archive = archives.get(stageArchive(stage.name));
    hash.update(`${renderStage(stage)}\n${archive ? createHash('sha256').update(archive).digest('hex') : '-'}\n\n`);
  }
  return hash.digest('hex');
}
