/**
 * `fleet update tools`: writes the newest tool pins, regenerates every lock file (a fresh
 * process: the policies are read at load), and prints the fleet diff the update causes, with
 * the component changes of each image (its SBOM before and after).
 * `--check` writes nothing and fails when a pin or a locked package (pip, build, packaging and
 * every dependency) is older than what the update would write.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lockedPackages } from '../../../constructs';
import type { FleetManifest, LockRequest } from '../../../constructs';
import { diffManifests, renderDiffMarkdown } from '../diff';
import type { PackageIndex } from '../lock/pypi';
import { resolveLock } from '../lock/resolve';
import { CliError } from '../manifest-io';
import { newestPins, renderToolPins } from './tools';

/** `name==version` of every package a lock file pins. */
export function lockedVersions(text: string): Map<string, string> {
  return new Map(lockedPackages(text).map((pkg) => [pkg.name, pkg.version]));
}

/** What `--check` finds: one line per pin or locked package that would move. */
export async function outdated(requests: readonly LockRequest[], locksDir: string, index: PackageIndex, today: string): Promise<string[]> {
  const problems = (await newestPins(requests, index, today)).changes.map((c) => `${c.name}: pinned ${c.from}, newest ${c.to} (policies/tool-pins.json)`);
  for (const request of requests) {
    const file = path.join(locksDir, request.file);
    const locked = lockedVersions(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
    for (const pkg of await resolveLock(request, index)) {
      if (locked.get(pkg.name) !== pkg.version) {
        problems.push(`${request.file}: ${pkg.name} ${locked.get(pkg.name) ?? 'not locked'}, newest ${pkg.version}`);
      }
    }
  }
  return problems;
}

export interface UpdateToolsOptions {
  readonly root: string;
  readonly pinsFile: string;
  readonly today: string;
  /** Also write the fleet diff (Markdown) here: the pull request body of the weekly workflow. */
  readonly diffFile?: string;
}

/** A fleet's manifest and each image's SBOM components (JSON: entries, by image id). */
export interface FleetState {
  readonly manifest: FleetManifest;
  readonly components: readonly (readonly [string, readonly (readonly [string, string])[]])[];
}

/** The default fleet's state as a fresh process computes it (after the pins changed on disk). */
function stateInFreshProcess(root: string): FleetState {
  const script = "process.stdout.write(JSON.stringify(require('./bin/fleet').defaultFleetState()))";
  return JSON.parse(execFileSync(process.execPath, ['-r', './bin/ts-register.js', '-e', script], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

/** Writes the pins, regenerates the locks, prints the fleet diff. */
export async function updateTools(requests: readonly LockRequest[], before: FleetState, index: PackageIndex, options: UpdateToolsOptions, out: (text: string) => void): Promise<void> {
  const update = await newestPins(requests, index, options.today);
  for (const change of update.changes) {
    out(`${change.name}: ${change.from} -> ${change.to}\n`);
  }
  const comment = JSON.parse(fs.readFileSync(options.pinsFile, 'utf8')).comment as string;
  const previous = fs.readFileSync(options.pinsFile, 'utf8');
  // The lock folder as it was, to put back with the pins if the new locks do not resolve.
  const locks = path.join(options.root, 'locks');
  const saved = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-locks-'));
  fs.cpSync(locks, saved, { recursive: true });
  fs.writeFileSync(options.pinsFile, renderToolPins(comment, update.pins));
  try {
    out(execFileSync(process.execPath, ['-r', './bin/ts-register.js', 'bin/fleet.ts', 'lock'], { cwd: options.root, encoding: 'utf8' }));
  } catch (error) {
    fs.writeFileSync(options.pinsFile, previous);
    fs.rmSync(locks, { recursive: true, force: true });
    fs.cpSync(saved, locks, { recursive: true });
    throw new CliError(`the locks do not resolve with the new pins (${update.changes.map((c) => `${c.name} ${c.to}`).join(', ')}); the pins and the locks are restored:\n${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
  fs.rmSync(saved, { recursive: true, force: true });
  const after = stateInFreshProcess(options.root);
  const components = (state: FleetState) => new Map(state.components.map(([id, entries]) => [id, new Map(entries)]));
  const diff = renderDiffMarkdown(diffManifests(before.manifest, after.manifest, { base: components(before), head: components(after) }));
  if (options.diffFile) {
    fs.writeFileSync(options.diffFile, diff);
  }
  out(diff);
}
