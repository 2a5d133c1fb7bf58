import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, computeSpecHash, renderImageContext, renderImageFiles } from '../constructs';
import type { ContextFile } from '../constructs';
import { readScripts } from '../constructs/image/private/scripts';
import { defineFleet } from '../main';
import { INTERPRETERS, PYPY_3_11, manylinux_2_28 } from '../policies';
import type { Interpreter } from '../policies';
import { newFleet, tempDir } from './helpers/fleet';
import { spec } from './helpers/spec';

describe('spec hash', () => {
  const files: ContextFile[] = [
    { path: 'Dockerfile', mode: 0o644, content: 'FROM x\n' },
    { path: 'build.tar', mode: 0o644, content: Buffer.from('abc') },
  ];

  test('changes when any file changes its content, name or mode, and not otherwise', () => {
    const base = computeSpecHash(files);
    expect(computeSpecHash([...files].reverse())).toBe(base); // order-independent
    expect(computeSpecHash([{ ...files[0], content: 'FROM y\n' }, files[1]])).not.toBe(base);
    expect(computeSpecHash([{ ...files[0], path: 'Containerfile' }, files[1]])).not.toBe(base);
    expect(computeSpecHash([{ ...files[0], mode: 0o755 }, files[1]])).not.toBe(base);
    expect(computeSpecHash([...files, { path: 'extra', mode: 0o644, content: '' }])).not.toBe(base);
  });

  test('the final stage unpacks every script and data file; each archive is deterministic', () => {
    const s = spec(manylinux_2_28, 'aarch64');
    const [a, b] = [renderImageContext(s, 'localhost:5000'), renderImageContext(s, 'localhost:5000')];
    expect(a.map((file) => file.path)).toEqual(b.map((file) => file.path));
    a.forEach((file, i) => expect([file.path, Buffer.compare(Buffer.from(file.content), Buffer.from(b[i].content))]).toEqual([file.path, 0]));
    const dir = tempDir('tar-');
    fs.writeFileSync(path.join(dir, 'image.tar'), a.find((file) => file.path === 'stages/image.tar')!.content);
    const listing = execFileSync('tar', ['tvf', path.join(dir, 'image.tar')]).toString();
    expect(listing).toMatch(/^-rwxr-xr-x root\/root +\d+ 1970-01-01 00:00 run-tests\.sh$/m);
    expect(listing).toMatch(/^-rw-r--r-- root\/root +\d+ 1970-01-01 00:00 lib\.sh$/m);
    expect(listing).toMatch(/^-rw-r--r-- root\/root +\d+ 1970-01-01 00:00 demo\/fleet_demo\.c$/m);
    const names = listing.split('\n').filter(Boolean).map((line) => line.split(/\s+/).pop());
    expect(names.sort()).toEqual([...readScripts(), ...renderImageFiles(s)].map((file) => file.path).sort());
  });

  test('an interpreter bump changes exactly the images that contain it', () => {
    // GIVEN the default fleet, and the same fleet with PyPy 3.11 bumped (a made-up version and hash)
    const bumped: Interpreter = { ...PYPY_3_11, version: '7.3.99', binaries: Object.fromEntries(Object.entries(PYPY_3_11.binaries!)
      .map(([arch, archive]) => [arch, { ...archive, sha256: 'e'.repeat(64) }])) };
    const before = defineFleet(new App({ outdir: tempDir('bump-') })).images;
    // WHEN each image is rebuilt with the bumped catalogue
    const changed = before.filter((image) => {
      const defaults = INTERPRETERS.filter((i) => image.spec.interpreters.some((x) => x.interpreter.tag === i.tag));
      const after = newFleet().fleet.addImage({
        policy: image.policy, arch: image.arch, interpreters: defaults.map((i) => (i === PYPY_3_11 ? bumped : i)),
      });
      return after.specHash !== image.specHash;
    }).map((image) => image.imageId);
    // THEN only the images offering PyPy 3.11 change
    const offering = before.filter((image) => image.spec.interpreters.some((x) => x.interpreter === PYPY_3_11)).map((i) => i.imageId);
    expect(changed).toEqual(offering);
    // PyPy ships for x86_64, i686 and aarch64 on glibc: some images offer it, others must not change.
    expect(offering.length).toBeGreaterThan(0);
    expect(offering.length).toBeLessThan(before.length);
  });
});
