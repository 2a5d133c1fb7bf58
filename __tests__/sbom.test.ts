import { App, ImageFleet, lockedPackages, readImageLocks, renderSbom } from '../constructs';
import { e2eImageOptions } from '../e2e/fleet';
import { main } from '../bin/fleet';
import { tempDir } from './helpers/fleet';

/** The e2e manylinux_2_31 image: every native source, two CPythons and a shared one; its base pinned. */
function e2eImage() {
  const fleet = new ImageFleet(new App({ outdir: tempDir('sbom-') }), 'fleet');
  const options = e2eImageOptions().find((o) => o.policy.publishedName === 'manylinux_2_31')!;
  return fleet.addImage({ ...options, baseDigest: `sha256:${'b'.repeat(64)}` });
}

describe('the SBOM of an image', () => {
  const image = e2eImage();
  const doc = renderSbom({ spec: image.spec, specHash: image.specHash, created: '2026-11-22T00:00:00Z' }) as any;
  const byName = (name: string) => doc.packages.find((p: any) => p.name === name);

  test('lists every native source and compiled CPython with its version, URL and sha256', () => {
    for (const native of image.spec.nativeBuilds) {
      expect(byName(native.name)).toEqual(expect.objectContaining({
        versionInfo: native.version, downloadLocation: native.url, checksums: [{ algorithm: 'SHA256', checksumValue: native.sha256 }], primaryPackagePurpose: 'SOURCE',
      }));
    }
    for (const { interpreter } of image.spec.interpreters) {
      expect(byName(`cpython (${interpreter.tag})`)).toEqual(expect.objectContaining({
        versionInfo: interpreter.version, downloadLocation: interpreter.source!.url, checksums: [{ algorithm: 'SHA256', checksumValue: interpreter.source!.sha256 }],
      }));
    }
  });

  test('lists every package of every lock file the image installs, with all its wheel hashes, and the base with its digest', () => {
    const locked = readImageLocks(image.spec).flatMap((lock) => lockedPackages(String(lock.content)));
    expect(locked.length).toBeGreaterThan(10);
    for (const pkg of locked) {
      const listed = doc.packages.find((p: any) => p.name === pkg.name && p.versionInfo === pkg.version);
      expect([pkg.name, listed?.externalRefs[0].referenceLocator]).toEqual([pkg.name, `pkg:pypi/${pkg.name}@${pkg.version}`]);
      expect(listed.checksums.map((c: any) => c.checksumValue)).toEqual(expect.arrayContaining(pkg.hashes));
    }
    expect(byName(image.spec.baseReference)).toEqual(expect.objectContaining({
      versionInfo: 'bullseye', checksums: [{ algorithm: 'SHA256', checksumValue: 'b'.repeat(64) }],
    }));
  });

  test('is one well-formed graph: unique ids, every relationship between listed elements, the image described', () => {
    const ids = doc.packages.map((p: any) => p.SPDXID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id: string) => /^SPDXRef-[A-Za-z0-9.-]+$/.test(id))).toBe(true);
    for (const r of doc.relationships) {
      expect([...ids, 'SPDXRef-DOCUMENT']).toEqual(expect.arrayContaining([r.spdxElementId, r.relatedSpdxElement]));
    }
    expect(doc.relationships.filter((r: any) => r.relationshipType === 'DESCRIBES')).toEqual([
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Image' },
    ]);
    expect(ids.length).toBe(doc.relationships.length);
    expect(JSON.stringify(renderSbom({ spec: image.spec, specHash: image.specHash, created: '2026-11-22T00:00:00Z' }))).toBe(JSON.stringify(doc));
  });

  test('fleet sbom names the images it has when asked for one it has not', async () => {
    let err = '';
    const write = process.stderr.write;
    process.stderr.write = ((text: string) => { err += text; return true; }) as typeof process.stderr.write;
    try {
      expect(await main(['sbom', 'manylinux_9_99_x86_64', '--dir', tempDir('no-sbom-')], () => undefined)).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(err).toContain("no SBOM for image 'manylinux_9_99_x86_64' (none written yet); run npx cdktf synth");
  });
});
