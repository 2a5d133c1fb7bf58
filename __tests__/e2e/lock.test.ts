/**
 * `fleet lock` against PyPI for real: the committed inputs resolve to lock files of the same
 * shape, headers and set of files as the committed ones.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, run, STATE } from './harness';

test('npm run fleet -- lock resolves every lock file against PyPI for real, with the committed inputs', () => {
  const dir = fs.mkdtempSync(path.join(STATE, 'locks-'));
  const result = run('fleet lock against PyPI', process.execPath, ['-r', './bin/ts-register.js', 'bin/fleet.ts', 'lock', '--dir', dir]);
  const committed = path.join(ROOT, 'locks');
  const files = (root: string) => fs.readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.txt')).sort();
  expect(files(dir)).toEqual(files(committed));
  for (const file of files(committed)) {
    const header = (root: string) => fs.readFileSync(path.join(root, file), 'utf8').split('\n').filter((l) => l.startsWith('# ')).join('\n');
    expect([file, header(dir)]).toEqual([file, header(committed)]);
    // every package pins one version and lists at least one wheel's sha256
    const blocks = fs.readFileSync(path.join(dir, file), 'utf8').split(/\n(?=[a-z0-9-]+==)/).slice(1);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      expect(block).toMatch(/^[a-z0-9-]+==[^ ]+( ; [^\\]+)? \\\n    --hash=sha256:[0-9a-f]{64}/);
    }
  }
  expect(result.stdout).toContain('tools/3.12/auditwheel.txt: auditwheel==6.7.0');
  // the committed locks pass the offline check the unit tests run
  run('fleet lock --check', process.execPath, ['-r', './bin/ts-register.js', 'bin/fleet.ts', 'lock', '--check']);
});
