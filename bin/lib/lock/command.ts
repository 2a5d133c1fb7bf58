/**
 * `npm run fleet -- lock [--check]`: writes locks/ from PyPI, or (with --check, offline) fails
 * when a lock file is missing, stale (its recorded inputs differ from what the fleets need) or
 * no longer needed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { environmentKey, lockInputs, lockProblem } from '../../../constructs';
import type { LockRequest } from '../../../constructs';
import { CliError } from '../manifest-io';
import { renderLockFile } from './lock-file';
import type { PackageIndex } from './pypi';
import { resolveLock } from './resolve';

/** Every *.txt under `dir`, as paths relative to it. */
function lockFilesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  const walk = (sub: string): string[] => fs.readdirSync(path.join(dir, sub), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.posix.join(sub, e.name)) : e.name.endsWith('.txt') ? [path.posix.join(sub, e.name)] : []));
  return walk('');
}

/** Problems of the lock folder against the requests, one line each (empty: up to date). */
export function checkLocks(dir: string, requests: readonly LockRequest[]): string[] {
  const problems: string[] = [];
  for (const request of requests) {
    const file = path.join(dir, request.file);
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const problem = lockProblem(request, text);
    if (problem) {
      problems.push(`${request.file} ${problem}`);
    } else if (lockInputs(text!).environments.join('\n') !== request.environments.map(environmentKey).join('\n')) {
      problems.push(`${request.file} is stale: it covers other environments than the fleets need`);
    }
  }
  const wanted = new Set(requests.map((r) => r.file));
  problems.push(...lockFilesIn(dir).filter((f) => !wanted.has(f)).map((f) => `${f} is not needed by any image`));
  return problems;
}

/** Resolves every request and writes its lock file; removes lock files no image needs. */
export async function writeLocks(dir: string, requests: readonly LockRequest[], index: PackageIndex, out: (text: string) => void): Promise<void> {
  for (const request of requests) {
    const packages = await resolveLock(request, index);
    const file = path.join(dir, request.file);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, renderLockFile(request, packages));
    out(`${request.file}: ${packages.map((p) => `${p.name}==${p.version}`).join(' ')}\n`);
  }
  const wanted = new Set(requests.map((r) => r.file));
  for (const stale of lockFilesIn(dir).filter((f) => !wanted.has(f))) {
    fs.rmSync(path.join(dir, stale));
    out(`${stale}: removed (no image needs it)\n`);
  }
}

export function lockCheckError(dir: string, problems: readonly string[]): CliError {
  return new CliError(`${dir}: ${problems.length} lock file problem(s):\n  ${problems.join('\n  ')}\nrun npm run fleet -- lock`);
}
