/**
 * The base lock, `locks/bases.json`: for every base image reference the fleet builds FROM, per
 * architecture, the digest of the platform's manifest as the registry served it, and when it
 * was read. `npm run fleet -- update bases` writes it (bin/lib/bases); synth reads it, so an
 * image builds `FROM <reference>@<digest>` and its spec hash covers the digest. A reference the
 * lock does not name builds from its tag alone (`fleet list` marks it unpinned).
 */
import * as fs from 'fs';
import * as path from 'path';
import { fail, show } from '../private/errors';
import { locksRoot } from './locks';

/** One pinned platform of a base reference. */
export interface BaseLockEntry {
  /** `sha256:<64 hex>` of the platform's image manifest. */
  readonly digest: string;
  /** The Docker platform the manifest is for (`linux/arm/v7`). */
  readonly platform: string;
  /** The day the registry was asked (`YYYY-MM-DD`). */
  readonly read: string;
}

/** The lock: reference → arch → entry. */
export interface BaseLock {
  readonly comment: string;
  readonly bases: Readonly<Record<string, Readonly<Record<string, BaseLockEntry>>>>;
}

/** The base lock of the repository. */
export const BASE_LOCK_FILE = 'bases.json';

export const BASE_LOCK_COMMENT = 'Written by npm run fleet -- update bases: per base reference and architecture, the '
  + 'digest of the platform manifest the registry served on the day read. Do not edit by hand.';

const DIGEST = /^sha256:[0-9a-f]{64}$/;

let repositoryLock: BaseLock | undefined;

/** The repository's base lock, read once per process (an empty one when the file does not exist yet). */
export function repositoryBaseLock(): BaseLock {
  repositoryLock ??= readBaseLock(path.join(locksRoot(), BASE_LOCK_FILE));
  return repositoryLock;
}

/** Reads a base lock file, checking every digest; a missing file is an empty lock. */
export function readBaseLock(file: string): BaseLock {
  if (!fs.existsSync(file)) {
    return { comment: BASE_LOCK_COMMENT, bases: {} };
  }
  let lock: BaseLock;
  try {
    lock = JSON.parse(fs.readFileSync(file, 'utf8')) as BaseLock;
  } catch (error) {
    return fail(file, { what: `the base lock is not JSON (${(error as Error).message})`, fix: 'delete the file and run npm run fleet -- update bases to write it again' });
  }
  if (typeof lock?.bases !== 'object' || lock.bases === null) {
    fail(file, { what: 'the base lock has no "bases" object', fix: 'delete the file and run npm run fleet -- update bases to write it again' });
  }
  for (const [reference, arches] of Object.entries(lock.bases)) {
    for (const [arch, entry] of Object.entries(arches)) {
      if (!DIGEST.test(entry?.digest ?? '')) {
        fail(file, {
          what: `the digest ${show(entry?.digest)} of ${reference} for ${arch} is malformed (expected sha256: and 64 lower-case hex digits)`,
          fix: 'delete the file and run npm run fleet -- update bases to write it again',
        });
      }
    }
  }
  return lock;
}

/** The locked digest of a base reference for an arch, or null when the lock does not pin it. */
export function lockedBaseDigest(lock: BaseLock, reference: string, arch: string): string | null {
  return lock.bases[reference]?.[arch]?.digest ?? null;
}

/** The lock as written: references and arches sorted, two-space JSON, one trailing newline. */
export function renderBaseLock(bases: BaseLock['bases']): string {
  const sorted = Object.fromEntries(Object.keys(bases).sort().map((reference) => [reference,
    Object.fromEntries(Object.keys(bases[reference]).sort().map((arch) => {
      const { digest, platform, read } = bases[reference][arch];
      return [arch, { digest, platform, read }];
    }))]));
  return `${JSON.stringify({ comment: BASE_LOCK_COMMENT, bases: sorted }, null, 2)}\n`;
}
