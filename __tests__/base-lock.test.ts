import * as fs from 'fs';
import * as path from 'path';
import { App, ImageFleet, lockedBaseDigest, readBaseLock, renderBaseLock, renderDockerfile, toManifest } from '../constructs';
import { manylinux_2_36 } from '../policies';
import { e2eImageOptions } from '../e2e/fleet';
import { tempDir } from './helpers/fleet';

const dir = tempDir('base-lock-');
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

describe('the base lock', () => {
  test('renders sorted, and reads back the digest per reference and arch', () => {
    // GIVEN entries written out of order
    const text = renderBaseLock({
      'b.example/x:1': { x86_64: { digest: digest('b'), platform: 'linux/amd64', read: '2026-11-22' } },
      'a.example/x:1': {
        i686: { digest: digest('d'), platform: 'linux/386', read: '2026-11-22' },
        aarch64: { digest: digest('c'), platform: 'linux/arm64', read: '2026-11-21' },
      },
    });
    // THEN references and arches are sorted, and each arch has its own digest
    expect(Object.keys(JSON.parse(text).bases)).toEqual(['a.example/x:1', 'b.example/x:1']);
    expect(Object.keys(JSON.parse(text).bases['a.example/x:1'])).toEqual(['aarch64', 'i686']);
    const lock = readBaseLock(write('ok.json', text));
    expect(lockedBaseDigest(lock, 'a.example/x:1', 'i686')).toBe(digest('d'));
    expect(lockedBaseDigest(lock, 'a.example/x:1', 'x86_64')).toBeNull();
    expect(lockedBaseDigest(lock, 'c.example/x:1', 'i686')).toBeNull();
  });

  test('a missing file is an empty lock; a malformed digest or a file that is not JSON fails naming the file', () => {
    expect(readBaseLock(path.join(dir, 'none.json')).bases).toEqual({});
    const bad = write('bad.json', JSON.stringify({ bases: { 'a.example/x:1': { x86_64: { digest: 'sha256:abc' } } } }));
    expect(() => readBaseLock(bad)).toThrow(`${bad}: the digest 'sha256:abc' of a.example/x:1 for x86_64 is malformed (expected sha256: and 64 lower-case hex digits); delete the file and run npm run fleet -- update bases to write it again`);
    const text = write('text.json', 'digests');
    expect(() => readBaseLock(text)).toThrow(`${text}: the base lock is not JSON`);
  });

  test('an image whose base the lock pins builds FROM reference@digest, and its spec hash and fleet.json follow the digest', () => {
    // GIVEN the e2e fleet synthesized without and with a lock pinning its Debian 12 base
    const synth = (baseLock?: string) => {
      const app = new App({ outdir: fs.mkdtempSync(path.join(dir, 'out-')) });
      const fleet = new ImageFleet(app, 'fleet');
      const image = fleet.addImage(e2eImageOptions({ baseLock, withoutBullseye: true })[0]);
      return { image, manifest: toManifest(fleet.model).images[0] };
    };
    const reference = '127.0.0.1:5000/fleet-e2e/debian:bookworm';
    const lock = write('e2e.json', renderBaseLock({ [reference]: { x86_64: { digest: digest('e'), platform: 'linux/amd64', read: '2026-11-22' } } }));
    const [unpinned, pinned] = [synth(), synth(lock)];
    // THEN
    expect(renderDockerfile(pinned.image.spec)).toContain(`FROM ${reference}@${digest('e')} AS runtime_base`);
    expect(renderDockerfile(unpinned.image.spec)).toContain(`FROM ${reference} AS runtime_base`);
    expect(pinned.image.specHash).not.toBe(unpinned.image.specHash);
    expect([unpinned.manifest.base.digest, pinned.manifest.base.digest]).toEqual([null, digest('e')]);
    expect(pinned.image.spec.policy).toBe(manylinux_2_36);
  });
});
