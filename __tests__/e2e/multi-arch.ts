/**
 * Multi-arch manifests, for real: a policy's list assembled from its per-arch pushes by the
 * command the build workflow runs (constructs/github/manifest-command.ts), then read back through
 * the registry API and pulled per platform.
 */
import { ASSEMBLE_MANIFEST_SCRIPT, manifestArguments } from '../../constructs';
import { ARCHITECTURES } from '../../policies';
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

/**
 * Assembles `policy`'s list from its per-arch pushes with the workflow's command, for each of
 * `tags`, and checks it: the registry serves under every tag the list pushed, of exactly
 * `platforms` (sorted), each entry the digest the registry serves for that arch's push; and a
 * pull by platform runs that machine (`uname -m` through the entrypoint, linux32 where due, and
 * AUDITWHEEL_ARCH). Returns the command's `LIST DIGEST` lines.
 */
export async function expectPolicyList(
  env: E2eEnvironment, policy: string, tags: readonly string[], sources: readonly ManifestSource[], platforms: readonly string[],
): Promise<string[]> {
  const target = `${env.registry}/${policy}`;
  const pushed = assembleManifest(env, target, tags, sources);
  expect(pushed.map((line) => line.split(' ')[0])).toEqual(tags.map((tag) => `${target}:${tag}`));
  const expected = await pushedEntries(env, sources);
  for (const [i, tag] of tags.entries()) {
    const list = await registryList(env, policy, tag);
    expect([policy, tag, list.mediaType, list.entries.map((entry) => entry.platform)]).toEqual([policy, tag, DOCKER_LIST_TYPE, platforms]);
    expect(list.entries).toEqual(expected);
    expect(list.digest).toBe(pushed[i].split(' ')[1]);
  }
  for (const platform of platforms) {
    const arch = Object.values(ARCHITECTURES).find((info) => info.dockerPlatform === platform)!.name;
    expect([policy, platform, machineOf(env, `${target}:${tags[tags.length - 1]}`, platform)]).toEqual([policy, platform, { uname: arch, auditwheelArch: arch }]);
  }
  return pushed;
}
