/**
 * Multi-arch manifests, for real: a policy's list assembled from its per-arch pushes by the
 * command the build workflow runs (constructs/github/manifest-command.ts), then read back through
 * the registry API and pulled per platform.
 */
import { ASSEMBLE_MANIFEST_SCRIPT, manifestArguments } from '../../constructs';
import type { ManifestSource } from '../../constructs';
import { registryDigest, ROOT, run } from './harness';
import type { E2eEnvironment } from './harness';

/** The media type `docker manifest push` gives a list. */
export const DOCKER_LIST_TYPE = 'application/vnd.docker.distribution.manifest.list.v2+json';
const LIST_TYPES = [DOCKER_LIST_TYPE, 'application/vnd.oci.image.index.v1+json'];

/** One entry of a served list: its platform as `os/arch[/variant]` and the digest it names. */
export interface ListEntry {
  readonly platform: string;
  readonly digest: string;
}

/** Runs bin/assemble-manifest.sh with the workflow's arguments; returns its `LIST DIGEST` lines. */
export function assembleManifest(env: E2eEnvironment, target: string, tags: readonly string[], sources: readonly ManifestSource[]): string[] {
  // As the workflow runs it: `bash bin/assemble-manifest.sh <arguments>` from the repository root.
  const result = run(`assemble ${target}`, 'bash', [ASSEMBLE_MANIFEST_SCRIPT, ...manifestArguments(target, tags, sources)], {
    cwd: ROOT, env: { DOCKER: env.docker },
  });
  return result.stdout.trim().split('\n');
}

/** The list the registry serves for repository:tag (its media type must be a list's), entry per platform. */
export async function registryList(env: E2eEnvironment, repository: string, tag: string): Promise<{ mediaType: string; digest: string | null; entries: ListEntry[] }> {
  const response = await fetch(`http://${env.registry}/v2/${repository}/manifests/${tag}`, { headers: { Accept: LIST_TYPES.join(', ') } });
  if (!response.ok) {
    throw new Error(`the registry serves no list for ${repository}:${tag} (HTTP ${response.status})`);
  }
  const body = await response.json() as { mediaType: string; manifests: { digest: string; platform: { os: string; architecture: string; variant?: string } }[] };
  return {
    mediaType: body.mediaType, digest: response.headers.get('docker-content-digest'),
    entries: body.manifests.map((m) => ({
      platform: [m.platform.os, m.platform.architecture, m.platform.variant].filter(Boolean).join('/'), digest: m.digest,
    })).sort((a, b) => a.platform.localeCompare(b.platform)),
  };
}

/** The digest of each per-arch push, read from the registry as the list should name it. */
export async function pushedEntries(env: E2eEnvironment, sources: readonly ManifestSource[]): Promise<ListEntry[]> {
  const entries = await Promise.all(sources.map(async (source) => {
    const [repository, tag] = [source.reference.slice(env.registry.length + 1, source.reference.lastIndexOf(':')), source.reference.slice(source.reference.lastIndexOf(':') + 1)];
    return { platform: source.platform, digest: (await registryDigest(env, repository, tag)) ?? `no manifest for ${source.reference}` };
  }));
  return entries.sort((a, b) => a.platform.localeCompare(b.platform));
}

/** What a container of `reference` pulled for `platform` reports: `uname -m` (through the image's entrypoint) and AUDITWHEEL_ARCH. */
export function machineOf(env: E2eEnvironment, reference: string, platform: string): { uname: string; auditwheelArch: string } {
  run(`pull ${reference} for ${platform}`, env.docker, ['pull', '-q', '--platform', platform, reference]);
  const out = run(`uname in ${reference} (${platform})`, env.docker, ['run', '--rm', '--platform', platform, reference, 'bash', '-c', 'echo "$(uname -m) ${AUDITWHEEL_ARCH}"']).stdout.trim();
  const [uname, auditwheelArch] = out.split(' ');
  return { uname, auditwheelArch };
}
