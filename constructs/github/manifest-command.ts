/**
 * The command that assembles a policy's multi-arch manifest list from its per-arch pushes: one
 * home for its arguments, so the build workflow's manifest job and the e2e suite run the same
 * command line (bin/assemble-manifest.sh explains the tool choice).
 */

/** The script, relative to the repository root (the workflow runs it from a checkout, with bash). */
export const ASSEMBLE_MANIFEST_SCRIPT = 'bin/assemble-manifest.sh';

/** One per-arch image of the list. */
export interface ManifestSource {
  /** Docker platform, `os/arch[/variant]` (the arch table's `dockerPlatform`). */
  readonly platform: string;
  /** The pushed image, `<registry>/<repository>:<tag>`. */
  readonly reference: string;
}

/**
 * Arguments of the script: the list's repository, its tags joined by commas, and
 * `PLATFORM=SOURCE` per image, in platform order (a stable command line for a stable fleet).
 */
export function manifestArguments(target: string, tags: readonly string[], sources: readonly ManifestSource[]): string[] {
  const sorted = [...sources].sort((a, b) => a.platform.localeCompare(b.platform));
  return [target, tags.join(','), ...sorted.map((source) => `${source.platform}=${source.reference}`)];
}
