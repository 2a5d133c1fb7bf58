import { createHash } from 'crypto';
import type { Stage } from './dockerfile-model';
import { IMAGE_STAGE, stageArchive } from './dockerfile-stages';
import { renderStage } from './dockerfile';

/** A stage of an image that is built as its own target and pushed as a cache image. */
export interface StageCache {
  /** The stage (the build's `target`). */
  readonly stage: string;
  /** sha256 over exactly the stage's build inputs (stageInputsHash). */
  readonly inputsHash: string;
}

/**
 * Every stage but the final one, each with the hash of its inputs. BuildKit's inline cache
 * (the only cache export the engine API offers) keeps the results of a target's last step
 * only; a stage other stages build on needs a cache image of its own for them to find it.
 */
export function stageCaches(stages: readonly Stage[], archives: ReadonlyMap<string, Buffer>, platform: string): StageCache[] {
  return stages.filter((stage) => stage.name !== IMAGE_STAGE)
    .map((stage) => ({ stage: stage.name, inputsHash: stageInputsHash(stage.name, stages, archives, platform) }));
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
