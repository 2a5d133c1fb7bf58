/**
 * `fleet update bases [--check]`: every base reference of the fleet, per architecture, resolved
 * to its platform manifest's digest (registry.ts) and written to the base lock; `--check` writes
 * nothing and fails when a base is unpinned, its tag has moved, or the lock names a base the
 * fleet no longer builds FROM.
 */
import * as fs from 'fs';
import { renderBaseLock } from '../../../constructs';
import type { BaseLock, BaseLockEntry, FleetManifest, ManifestImage } from '../../../constructs';
import { CliError } from '../manifest-io';
import { RegistryClient } from './registry';
import type { Credentials } from './registry';

/** One base the fleet builds FROM: a reference on one architecture. */
export interface BaseTarget {
  readonly reference: string;
  readonly arch: string;
  readonly platform: string;
}

/**
 * The bases of a fleet's images, and the build machine's bases of their cross-compiling stages,
 * deduplicated and sorted; derived images (FROM a fleet image) have none of their own.
 */
export function fleetBases(manifest: FleetManifest): BaseTarget[] {
  const targets = new Map<string, BaseTarget>();
  for (const image of manifest.images.filter((i) => !buildsFromFleetImage(manifest, i))) {
    targets.set(`${image.base.image} ${image.arch}`, { reference: image.base.image, arch: image.arch, platform: image.platform });
    const host = image.crossHost;
    if (host) {
      targets.set(`${host.image} ${host.arch}`, { reference: host.image, arch: host.arch, platform: host.platform });
    }
  }
  return [...targets.keys()].sort().map((key) => targets.get(key)!);
}

/** A derived image builds FROM a fleet image's content tag (`spec-<hash>`): pinned by content, not by the base lock. */
export function buildsFromFleetImage(manifest: FleetManifest, image: ManifestImage): boolean {
  const reference = image.base.image;
  return manifest.images.some((other) => reference.startsWith(`${other.repository}:`));
}

/**
 * Credentials for the token realm of one registry, from FLEET_BASES_REGISTRY (the host, as
 * references write it), FLEET_BASES_USERNAME and FLEET_BASES_PASSWORD when all three are set.
 */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv = process.env): Credentials | undefined {
  const { FLEET_BASES_REGISTRY: registry, FLEET_BASES_USERNAME: username, FLEET_BASES_PASSWORD: password } = env;
  return registry && username && password ? { registry, username, password } : undefined;
}

export interface UpdateBasesOptions {
  readonly lockFile: string;
  readonly check: boolean;
  /** The day written as `read` (YYYY-MM-DD). */
  readonly today: string;
  readonly credentials?: Credentials;
}

/** Resolves every base and writes (or checks) the lock; throws a CliError listing what failed. */
export async function updateBases(lock: BaseLock, targets: readonly BaseTarget[], options: UpdateBasesOptions, out: (text: string) => void): Promise<void> {
  const client = new RegistryClient(options.credentials);
  const bases: Record<string, Record<string, BaseLockEntry>> = {};
  const problems: string[] = [];
  for (const target of targets) {
    const old = lock.bases[target.reference]?.[target.arch];
    let digest: string;
    try {
      ({ digest } = await client.resolve(target.reference, target.platform));
    } catch (error) {
      problems.push(`${target.reference} (${target.arch}): ${(error as Error).message}`);
      if (old) {
        (bases[target.reference] ??= {})[target.arch] = old;
      }
      continue;
    }
    const status = old === undefined ? 'unpinned' : old.digest === digest ? 'unchanged' : `moved from ${old.digest}`;
    out(`${target.reference} ${target.arch}: ${digest} (${status})\n`);
    if (options.check && status !== 'unchanged') {
      problems.push(`${target.reference} (${target.arch}): ${status === 'unpinned' ? 'not pinned in the lock' : `the tag ${status} to ${digest}`}`);
    }
    (bases[target.reference] ??= {})[target.arch] = old?.digest === digest ? old : { digest, platform: target.platform, read: options.today };
  }
  const wanted = new Set(targets.map((t) => `${t.reference} ${t.arch}`));
  const unneeded = Object.entries(lock.bases).flatMap(([reference, arches]) => Object.keys(arches)
    .filter((arch) => !wanted.has(`${reference} ${arch}`)).map((arch) => `${reference} (${arch})`));
  if (options.check) {
    problems.push(...unneeded.map((base) => `${base}: pinned in the lock, but no image builds FROM it`));
  } else {
    fs.writeFileSync(options.lockFile, renderBaseLock(bases));
    out(`${options.lockFile}: ${targets.length - problems.length} of ${targets.length} bases pinned${unneeded.length ? `, ${unneeded.length} unneeded removed` : ''}\n`);
  }
  if (problems.length > 0) {
    throw new CliError(`${options.lockFile}: ${problems.length} base${problems.length === 1 ? '' : 's'} ${options.check ? 'out of date' : 'not resolved'}:\n  ${problems.join('\n  ')}\n`
      + (options.check ? 'run npm run fleet -- update bases, and review the digests in the pull request' : 'the lock keeps their previous digests; rerun when the registry answers'));
  }
}
