import * as fs from 'fs';
import * as path from 'path';
import { defaultManifest, main } from '../bin/fleet';
import { diffManifests, renderDiffMarkdown } from '../bin/lib/diff';
import type { FleetManifest } from '../constructs';
import { tempDir } from './helpers/fleet';

const dir = tempDir('cli-');
const write = (name: string, data: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
};
const run = async (...argv: string[]) => {
  let out = '';
  const code = await main(argv, (text) => { out += text; });
  return { code, out };
};
const clone = (m: FleetManifest): any => JSON.parse(JSON.stringify(m));

describe('fleet diff', () => {
  const base = defaultManifest();

  test('reports an added image, a removed image, an interpreter bump and a base digest change', () => {
    // GIVEN a head that drops one image, adds one, bumps CPython 3.12 in one and pins a digest in another
    const head = clone(base);
    head.images = head.images.filter((i: any) => i.id !== 'manylinux_2_35_armv7l');
    head.images.push({ ...clone(base).images[0], id: 'manylinux_2_36_x86_64' });
    const bumped = head.images.find((i: any) => i.id === 'manylinux_2_28_x86_64');
    bumped.interpreters.find((i: any) => i.tag === 'cp312-cp312').version = '3.12.14';
    bumped.specHash = 'f'.repeat(64);
    bumped.cacheImages.find((c: any) => c.stage === 'build_cp312_cp312').inputsHash = 'f'.repeat(64);
    const pinned = head.images.find((i: any) => i.id === 'musllinux_1_2_x86_64');
    pinned.base.digest = `sha256:${'a'.repeat(64)}`;
    // WHEN
    const diff = diffManifests(base, head);
    // THEN
    expect(diff.added).toEqual(['manylinux_2_36_x86_64']);
    expect(diff.removed).toEqual(['manylinux_2_35_armv7l']);
    expect(diff.changed).toEqual([
      { id: 'manylinux_2_28_x86_64', changes: [
        { field: 'interpreter cp312-cp312', old: '3.12.13', new: '3.12.14' },
        { field: 'spec hash', old: base.images.find((i) => i.id === 'manylinux_2_28_x86_64')!.specHash.slice(0, 12), new: 'ffffffffffff' },
        { field: 'stages rebuilt', old: null, new: `1 of ${bumped.cacheImages.length}: build_cp312_cp312` },
      ] },
      { id: 'musllinux_1_2_x86_64', changes: [{ field: 'base digest', old: null, new: `sha256:${'a'.repeat(64)}` }] },
    ]);
    const unchanged = base.images.length - 1 - 2; // one removed, two changed
    expect(diff.unchanged).toBe(unchanged);
    const markdown = renderDiffMarkdown(diff);
    expect(markdown).toContain(`**1 added, 1 removed, 2 changed, ${unchanged} unchanged**`);
    expect(markdown).toContain('| interpreter cp312-cp312 | 3.12.13 | 3.12.14 |');
    expect(markdown).toContain('| base digest | — | sha256:');
  });

  test('reports a cross host and its digest, also against a fleet.json written before crossHost was recorded', () => {
    const host = { image: 'registry.example/debian:bullseye', digest: null, arch: 'x86_64', platform: 'linux/amd64' };
    const old = clone(base);
    delete old.images[0].crossHost;
    const cross = clone(base);
    cross.images[0].crossHost = host;
    const pinned = clone(cross);
    pinned.images[0].crossHost = { ...host, digest: `sha256:${'d'.repeat(64)}` };
    expect(diffManifests(old, cross).changed).toEqual([{ id: base.images[0].id, changes: [{ field: 'cross host', old: null, new: host.image }] }]);
    expect(diffManifests(cross, pinned).changed).toEqual([{ id: base.images[0].id, changes: [{ field: 'cross host digest', old: null, new: `sha256:${'d'.repeat(64)}` }] }]);
    expect(diffManifests(old, base).changed).toEqual([]);
  });

  test('the command prints markdown or json and a summary', async () => {
    const a = write('a.json', base);
    const head = clone(base);
    head.images[0].tools.find((t: any) => t.name === 'cmake').version = '4.3.5';
    const b = write('b.json', head);
    const md = await run('diff', a, b);
    expect(md.code).toBe(0);
    expect(md.out).toContain(`### Changed: \`${base.images[0].id}\``);
    expect(md.out).toContain('| tool cmake | 4.3.4 | 4.3.5 |');
    const json = JSON.parse((await run('diff', a, b, '--format', 'json')).out);
    expect(json.summary).toBe(`0 added, 0 removed, 1 changed, ${base.images.length - 1} unchanged`);
    expect((await run('diff', a, a)).out).toContain('No image changes.');
  });

  test('fails clearly on an unreadable file, non-JSON and a wrong schema', async () => {
    const a = write('ok.json', base);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await run('diff', a, path.join(dir, 'missing.json'))).code).toBe(2);
      expect(stderr).toHaveBeenLastCalledWith(expect.stringMatching(/missing\.json: cannot read the file \(ENOENT\); run npx cdktf synth/));
      expect((await run('diff', a, write('bad.json', '{nope'))).code).toBe(2);
      expect(stderr).toHaveBeenLastCalledWith(expect.stringMatching(/bad\.json: not JSON/));
      expect((await run('diff', a, write('v2.json', { ...base, schemaVersion: 2 }))).code).toBe(2);
      expect(stderr).toHaveBeenLastCalledWith(expect.stringMatching(/v2\.json: schemaVersion 2 is not supported \(supported: 1\)/));
      expect((await run('diff', a, write('noimg.json', { schemaVersion: 1, registry: 'x', images: [{ id: 'a' }] }))).code).toBe(2);
      expect(stderr).toHaveBeenLastCalledWith(expect.stringMatching(/noimg\.json: images\[0\] has no "specHash"/));
      expect((await run('diff', a, a, '--format', 'html')).code).toBe(2);
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('fleet diff with SBOMs', () => {
  test('a changed image lists each component added, removed or moved, read from the SBOMs beside each fleet.json', async () => {
    // GIVEN two synth outputs where one image changed: pip moved, sqlite3 left, zstd came
    const base = defaultManifest();
    const head = clone(base);
    const changed = head.images.find((i: any) => i.id === 'manylinux_2_28_x86_64');
    changed.specHash = 'e'.repeat(64);
    const sbom = (packages: [string, string][]) => ({
      packages: [['SPDXRef-Image', 'manylinux_2_28_x86_64', 'spec-x'], ['SPDXRef-Base', 'quay.io/almalinuxorg/almalinux:8', '8'], ...packages.map(([n, v]) => [`SPDXRef-${n}`, n, v])]
        .map(([SPDXID, name, versionInfo]) => ({ SPDXID, name, versionInfo })),
    });
    const out = (name: string, manifest: unknown, document: unknown) => {
      fs.mkdirSync(path.join(dir, name, 'sbom'), { recursive: true });
      fs.writeFileSync(path.join(dir, name, 'sbom', 'manylinux_2_28_x86_64.spdx.json'), JSON.stringify(document));
      return write(`${name}/fleet.json`, manifest);
    };
    const a = out('sbom-base', base, sbom([['pip', '26.2'], ['sqlite3', '3.53.2'], ['build', '1.4.4']]));
    const b = out('sbom-head', head, sbom([['pip', '26.3'], ['zstd', '1.5.7'], ['build', '1.4.4']]));
    // WHEN
    const { code, out: text } = await run('diff', a, b);
    // THEN
    expect(code).toBe(0);
    expect(text).toContain('| component pip | 26.2 | 26.3 |');
    expect(text).toContain('| component sqlite3 | 3.53.2 | — |');
    expect(text).toContain('| component zstd | — | 1.5.7 |');
    expect(text).not.toContain('component build');
    expect(text).not.toMatch(/component (manylinux_2_28_x86_64|quay\.io)/);
  });
});

describe('fleet list and help', () => {
  test('list prints one row per image, --json the same rows as data', async () => {
    const file = write('fleet.json', defaultManifest());
    const table = (await run('list', '--manifest', file)).out;
    expect(table).toContain('| manylinux_2_39_riscv64 | rockylinux/rockylinux:10 (unpinned) (Rocky Linux 10, glibc 2.39) | el10-gcc (GCC 14) | 9 installed / 9 listed | ubuntu-24.04 + QEMU |');
    const manifest = defaultManifest();
    expect(table).toContain(`${manifest.images.length} images, registry localhost:5000`);
    // no base of the default fleet is pinned yet (locks/bases.json: its registries are out of this machine's reach)
    expect(table).toContain(`${manifest.images.length} build FROM an unpinned base tag: npm run fleet -- update bases pins them`);
    const rows = JSON.parse((await run('list', '--json', '--manifest', file)).out);
    expect(rows.map((r: { id: string }) => r.id)).toEqual(manifest.images.map((i) => i.id));
    expect(rows[0]).toEqual(expect.objectContaining({ id: 'manylinux2014_aarch64', runner: 'ubuntu-24.04-arm' }));
  });

  test('list counts an image whose base is pinned but whose cross host is not as building FROM an unpinned tag', async () => {
    const manifest = defaultManifest();
    const pinned = `sha256:${'c'.repeat(64)}`;
    const images = manifest.images.map((image, i) => ({
      ...image, base: { ...image.base, digest: pinned },
      crossHost: i === 0 ? { image: 'registry.example/debian:bullseye', digest: null, arch: 'x86_64', platform: 'linux/amd64' } : null,
    }));
    const table = (await run('list', '--manifest', write('fleet.json', { ...manifest, images }))).out;
    expect(table).toContain('1 build FROM an unpinned base tag');
    const all = images.map((image) => ({ ...image, crossHost: image.crossHost && { ...image.crossHost, digest: pinned } }));
    expect((await run('list', '--manifest', write('fleet.json', { ...manifest, images: all }))).out).not.toContain('unpinned');
  });

  test('every command has --help', async () => {
    for (const command of ['list', 'diff', 'docs', 'lock', 'sbom', 'update tools', 'update bases']) {
      const { code, out } = await run(...command.split(' '), '--help');
      expect([command, code]).toEqual([command, 0]);
      expect(out).toContain(`Usage: fleet ${command}`);
    }
  });
});

describe('fleet docs', () => {
  test('the README generated sections are up to date (docs --check)', async () => {
    const { code, out } = await run('docs', '--check');
    expect(out).toMatch(/README\.md: generated sections are up to date/);
    expect(code).toBe(0);
  });

  test('--check fails on a stale section and docs rewrites it', async () => {
    const readme = path.join(__dirname, '..', 'README.md');
    const stale = write('README.md', fs.readFileSync(readme, 'utf8').replace('| `manylinux2014` | CentOS 7, GCC 10 |', '| `manylinux2014` | CentOS 6, GCC 9 |'));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await run('docs', '--check', '--readme', stale)).code).toBe(2);
      expect(stderr).toHaveBeenLastCalledWith(expect.stringMatching(/generated sections are stale; run npm run fleet -- docs/));
    } finally {
      stderr.mockRestore();
    }
    expect((await run('docs', '--readme', stale)).code).toBe(0);
    expect(fs.readFileSync(stale, 'utf8')).toBe(fs.readFileSync(readme, 'utf8'));
  });
});
