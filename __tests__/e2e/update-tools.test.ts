/**
 * `fleet update tools` for real, against PyPI, in a scratch copy of the repository: the pins it
 * writes resolve into lock files the offline check accepts, and the fleet diff it prints names
 * exactly the tool versions it moved, as tool and as SBOM component changes. (What moves
 * depends on PyPI's releases that day.)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, run, STATE } from './harness';

test('update tools writes the newest pins, locks they resolve to, and the fleet diff of exactly those moves', () => {
  // GIVEN a scratch copy of the committed repository
  const copy = fs.mkdtempSync(path.join(STATE, 'update-tools-'));
  execFileSync('bash', ['-c', `git -C "${ROOT}" archive HEAD | tar -x -C "${copy}"`]);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  const before = JSON.parse(fs.readFileSync(path.join(copy, 'policies', 'tool-pins.json'), 'utf8')).pins as Record<string, { version: string }>;
  // WHEN the tools are updated there
  const diffFile = path.join(copy, 'fleet-diff.md');
  const update = run('fleet update tools', process.execPath, ['-r', './bin/ts-register.js', 'bin/fleet.ts', 'update', 'tools', '--diff-file', diffFile], { cwd: copy });
  // THEN the moves it prints are exactly the pins that changed
  const after = JSON.parse(fs.readFileSync(path.join(copy, 'policies', 'tool-pins.json'), 'utf8')).pins as Record<string, { version: string; source: string }>;
  const moved = Object.keys(after).filter((name) => after[name].version !== before[name].version).sort();
  const printed = [...update.stdout.matchAll(/^([a-z0-9-]+): (\S+) -> (\S+)$/gm)].map((m) => [m[1], m[2], m[3]]);
  expect(printed.map(([name]) => name).sort()).toEqual(moved);
  for (const [name, from, to] of printed) {
    expect([name, before[name].version, after[name].version]).toEqual([name, from, to]);
    expect(after[name].source).toContain('PyPI JSON API');
  }
  // AND the lock files in the copy match the new pins (the offline check the unit tests run)
  run('fleet lock --check in the copy', process.execPath, ['-r', './bin/ts-register.js', 'bin/fleet.ts', 'lock', '--check'], { cwd: copy });
  // AND the fleet diff (printed, and written for the pull request) shows each move as a tool change
  const diff = fs.readFileSync(diffFile, 'utf8');
  expect(update.stdout).toContain(diff);
  expect(diff).toMatch(/^## Fleet diff$/m);
  const bumpedTools = moved.filter((name) => name !== 'certifi');
  for (const name of bumpedTools) {
    expect(diff).toContain(`| tool ${name} | ${before[name].version} | ${after[name].version} |`);
  }
  // AND each move as a component change of the images' SBOMs (a name locked at two versions lists both)
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const name of moved) {
    expect([name, diff]).toEqual([name, expect.stringMatching(new RegExp(
      `\\| component ${escape(name)} \\| ([^|]*, )?${escape(before[name].version)}(, [^|]*)? \\| ([^|]*, )?${escape(after[name].version)}(, [^|]*)? \\|`))]);
  }
  if (moved.length === 0) {
    expect(diff).toContain('No image changes.');
  }
});
