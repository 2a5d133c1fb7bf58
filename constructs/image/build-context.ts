import { createHash } from 'crypto';
import { BUILD_ARCHIVE, dockerfileStages, stageArchive } from './dockerfile-stages';
import { renderDerivedDockerfile, renderDockerfile } from './dockerfile';
import type { DerivedImageInput } from './dockerfile-stages';
import { renderImageData } from './image-data';
import type { ImageSpec } from './image-spec';
import { readImageLocks } from './locks';
import { SBOM_TEMPLATE, renderSbomTemplate } from './sbom';
import { byPath, readScripts } from './private/scripts';
import type { ContextFile } from './private/scripts';
import { createTar } from './private/tar';
import { onStageImages, stageCaches } from './stage-cache';
import type { StageCache } from './stage-cache';
import { stageFiles } from './stage-files';

export type { ContextFile } from './private/scripts';

/** What a derived image's build context is made of: the Dockerfile, the scripts it runs and the data they read. */
export interface ContextInput {
  readonly dockerfile: string;
  /** image-scripts/ files the build runs, by relative path. */
  readonly scripts: readonly string[];
  /** The image's own files (data files). */
  readonly files: readonly ContextFile[];
}

/**
 * Renders a derived image's build context: the Dockerfile and `build.tar`, a deterministic
 * archive of the scripts followed by the image's own files (Docker's ADD unpacks it into the
 * build folder).
 */
export function renderContext(input: ContextInput): ContextFile[] {
  const scripts = readScripts().filter((file) => input.scripts.includes(file.path));
  return [
    { path: BUILD_ARCHIVE, mode: 0o644, content: createTar([...scripts, ...[...input.files].sort(byPath)]) },
    { path: 'Dockerfile', mode: 0o644, content: input.dockerfile },
  ];
}

/** The files an image's build folder receives besides the scripts: data files, lock files, build CA. */
export function renderImageFiles(spec: ImageSpec): ContextFile[] {
  return [
    ...renderImageData(spec).map((file) => ({ ...file, mode: 0o644 })),
    ...readImageLocks(spec),
    { path: SBOM_TEMPLATE, mode: 0o644, content: renderSbomTemplate(spec) },
    ...(spec.buildCaCertificates ? [{ path: 'build-ca.pem', mode: 0o644, content: spec.buildCaCertificates }] : []),
  ];
}

/** A fleet image's build: its context files, and the stages pushed as cache images. */
export interface ImageBuild {
  /** `Dockerfile` and one archive per stage (`stages/<stage>.tar`). */
  readonly files: ContextFile[];
  /** Every stage but the final one, with the hash of its inputs. */
  readonly caches: StageCache[];
}

/**
 * Renders a fleet image's build for a registry: the stage images (stage-cache.ts), each
 * stage's archive (stage-files.ts), and the Dockerfile, in which every stage is built on its
 * parents' stage images by reference (each stage image is that Dockerfile's target).
 */
export function renderImageBuild(spec: ImageSpec, registry: string): ImageBuild {
  const stages = dockerfileStages(spec);
  const archives = new Map([...stageFiles(spec, stages, renderImageFiles(spec))]
    .map(([stage, files]) => [stageArchive(stage), createTar(files)]));
  const caches = stageCaches(spec.id, registry, stages, archives, spec.archInfo.dockerPlatform);
  const built = onStageImages(stages, caches);
  return {
    files: [
      ...[...archives].map(([file, content]) => ({ path: file, mode: 0o644, content })),
      { path: 'Dockerfile', mode: 0o644, content: renderDockerfile(spec, built) },
    ],
    caches,
  };
}

/** The build context of a fleet image pushed to `registry`. */
export function renderImageContext(spec: ImageSpec, registry: string): ContextFile[] {
  return renderImageBuild(spec, registry).files;
}

/** What a derived image adds, for its build context. */
export interface DerivedContextInput extends DerivedImageInput {
  readonly extraPackages: readonly string[];
}

/** The build context of a derived image: the package list and the two scripts that install it. */
export function renderDerivedContext(input: DerivedContextInput): ContextFile[] {
  return renderContext({
    dockerfile: renderDerivedDockerfile(input),
    scripts: ['lib.sh', 'install-derived-packages.sh'],
    files: [{ path: 'packages/derived.txt', mode: 0o644, content: input.extraPackages.map((p) => `${p}\n`).join('') }],
  });
}

/**
 * sha256 over the sorted relative path, mode and content of every file. No absolute path and
 * no timestamp enters it, so the same inputs give the same hash on every machine.
 */
export function computeSpecHash(files: readonly ContextFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort(byPath)) {
    const content = createHash('sha256').update(file.content).digest('hex');
    hash.update(`${file.path}\0${file.mode.toString(8)}\0${content}\n`);
  }
  return hash.digest('hex');
}
