/** The text of a lock file: its inputs as a header, then one pip requirement per package. */
import { renderLockHeader } from '../../../constructs';
import type { LockRequest } from '../../../constructs';
import type { LockedPackage } from './resolve';

/**
 * A requirements file pip installs with `--require-hashes --only-binary :all:`: every package
 * pinned with `==`, its marker (where it is not needed everywhere) and the sha256 of each wheel
 * that fits one of the lock's environments.
 */
export function renderLockFile(request: LockRequest, packages: readonly LockedPackage[]): string {
  const lines = [renderLockHeader(request)];
  for (const p of packages) {
    const hashes = p.hashes.map((h) => `    --hash=sha256:${h}`);
    lines.push(`${p.name}==${p.version}${p.marker ? ` ; ${p.marker}` : ''} \\`, ...hashes.map((h, i) => (i < hashes.length - 1 ? `${h} \\` : h)));
    lines.push(`    # via ${p.via.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
