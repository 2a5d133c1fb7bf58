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
  /** The stages it builds FROM or copies from: their stage images are pushed before it is built. */
  readonly parents: readonly string[];
}

/**
 * Every stage but the final one, each with the hash of its inputs, the reference its stage
 * image is pushed under and the stages it is built on. Each is built as its own target on its
 * parents' stage images (onStageImages), reading its cache from its own reference only: the
 * engine's BuildKit (v0.8) matches a chain of steps only inside one imported cache (it gives
 * each imported record a random id per import), so a build must have one cache source and as
 * few steps as possible that another build shares (measured: docs/stage-cache.md).
 */
export function stageCaches(imageId: string, registry: string, stages: readonly Stage[], archives: ReadonlyMap<string, Buffer>, platform: string): StageCache[] {
  const cached = new Set(stages.map((stage) => stage.name).filter((name) => name !== IMAGE_STAGE));
  return stages.filter((stage) => cached.has(stage.name)).map((stage) => {
    const inputsHash = stageInputsHash(stage.name, stages, archives, platform);
    return {
      stage: stage.name,
      inputsHash,
      reference: `${cacheRepositoryOf(registry)}:${cacheTag(imageId, stage.name, inputsHash)}`,
      parents: [...new Set(stageSources(stage))].filter((name) => cached.has(name)),
    };
  });
}

/**
 * Every stage built on the stage images: each FROM and COPY --from that names a stage names
 * its stage image by reference instead, so a stage (the final one included) is built from
 * exactly what its parents' stage images hold, and no build runs or matches another stage's
 * steps. A stage built on a parent of another platform (a cross stage) gets the parent's
 * platform on its FROM; a stage image of another platform copied from is named through an
 * alias stage, `FROM --platform=… <reference> AS <stage>-image` (COPY --from a reference
 * resolves it for the build's platform). Returns the alias stages, then the stages.
 */
export function onStageImages(stages: readonly Stage[], caches: readonly StageCache[]): Stage[] {
  const references = new Map(caches.map((cache) => [cache.stage, cache.reference]));
  const aliases = new Map<string, Stage>();
  const copySource = (name: string) => {
    const reference = references.get(name);
    const platform = stagePlatform(name, stages);
    if (reference === undefined || platform === undefined) {
      return reference ?? name;
    }
    // A `-` no stage name has (buildStageName), so no alias can take a stage's name.
    const alias = `${name}-image`;
    aliases.set(alias, { name: alias, from: reference, platform, instructions: [] });
    return alias;
  };
  const built = stages.map((stage): Stage => {
    const parent = references.get(stage.from);
    const platform = stage.platform ?? (parent === undefined ? undefined : stagePlatform(stage.from, stages));
    return {
      ...stage,
      from: parent ?? stage.from,
      ...(platform === undefined ? {} : { platform }),
      instructions: stage.instructions.map((instruction): Instruction =>
        (instruction.kind === 'copy' && instruction.from ? { ...instruction, from: copySource(instruction.from) } : instruction)),
    };
  });
  return [...aliases.values(), ...built];
}

/** The stages a stage builds FROM or copies from (names that are no stage are images). */
function stageSources(stage: Stage): string[] {
  return [stage.from, ...stage.instructions.flatMap((instruction) => (instruction.kind === 'copy' && instruction.from ? [instruction.from] : []))];
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
 * How stage images are built, hashed with their inputs: a stage image built another way (until
 * version 2, each stage a target of one chain of stages, its inline cache starting at the base
 * image) holds no cache a build of today's can match, so it must never be found under a tag a
 * build of today reads. Bump it whenever the way a stage is built changes.
 */
export const STAGE_CACHE_FORMAT = 'stage-cache 2: each stage built on its parents\' stage images';

/**
 * sha256 over what a stage's result depends on: the cache format, the platform, and for the stage and every
 * stage it builds FROM or copies from (transitively, in Dockerfile order) its Dockerfile text
 * (the base image reference included) and the sha256 of the archive it unpacks. These are the
 * inputs of BuildKit's cache keys for the stage, so a cache image addressed by this hash is
 * never one built from other inputs (and BuildKit checks its own keys on top).
 */
export function stageInputsHash(name: string, stages: readonly Stage[], archives: ReadonlyMap<string, Buffer>, platform: string,
  format: string = STAGE_CACHE_FORMAT): string {
  const byName = new Map(stages.map((stage) => [stage.name, stage]));
  const needed = new Set<string>();
  const visit = (stageName: string) => {
    const stage = byName.get(stageName);
    if (stage === undefined || needed.has(stageName)) {
      return;
    }
    needed.add(stageName);
    stageSources(stage).forEach(visit);
  };
  visit(name);
  const hash = createHash('sha256').update(`${format}\nplatform ${platform}\n`);
  for (const stage of stages.filter((s) => needed.has(s.name))) {
    const archive = archives.get(stageArchive(stage.name));
    hash.update(`${renderStage(stage)}\n${archive ? createHash('sha256').update(archive).digest('hex') : '-'}\n\n`);
  }
  return hash.digest('hex');
}
