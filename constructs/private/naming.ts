/**
 * How the fleet names things: image ids (= stack names), repositories and content tags. The
 * one home of these rules (design.md §3).
 */

/** Image id and stack name: `<policy published name>_<arch>`, e.g. `manylinux_2_28_x86_64`. */
export function imageIdOf(publishedName: string, arch: string): string {
  return `${publishedName}_${arch}`;
}

/** Id of an image derived from a fleet image: `<parent id>-<name>`. */
export function derivedImageIdOf(parentId: string, name: string): string {
  return `${parentId}-${name}`;
}

/** Repository an image is pushed to: `<registry>/<image id>`. */
export function repositoryOf(registry: string, id: string): string {
  return `${registry}/${id}`;
}

/** `quay.io/x/y:8` → name `quay.io/x/y`, tag `8`; a reference without a tag is `latest`. */
export function splitTag(reference: string): { name: string; tag: string } {
  const colon = reference.lastIndexOf(':');
  return colon > reference.lastIndexOf('/') ? { name: reference.slice(0, colon), tag: reference.slice(colon + 1) } : { name: reference, tag: 'latest' };
}

/** The tag that names an image's content: `spec-` + the first 12 hex digits of its spec hash. */
export function contentTag(specHash: string): string {
  return `spec-${specHash.slice(0, 12)}`;
}

/** The tags known at synth that an image is pushed under: its content tag, `latest` and its extra tags (the build id comes at deploy). */
export function pushedTags(specHash: string, extraTags: readonly string[]): string[] {
  return [contentTag(specHash), 'latest', ...extraTags];
}

/**
 * The repository of the fleet's stage cache images: `<registry>/manylinux-fleet-cache` (one
 * repository for the fleet, as pypa/manylinux keeps `manylinux-cache`).
 */
export function cacheRepositoryOf(registry: string): string {
  return `${registry}/manylinux-fleet-cache`;
}

/** A stage cache image's tag: `<image id>.<stage>.<first 24 hex of the stage's inputs hash>`. */
export function cacheTag(imageId: string, stage: string, inputsHash: string): string {
  return `${imageId}.${stage}.${inputsHash.slice(0, 24)}`;
}
