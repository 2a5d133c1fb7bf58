import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  App, ImageFleet, LAYOUT, ManylinuxImage, SBOM_DISTRO_PREFIX, SBOM_LABEL, SBOM_TEMPLATE, imageEnv, imageLabels, lockedPackages, readImageLocks, renderDockerfile, renderImageFiles, renderSbom, renderSbomTemplate,
} from '../constructs';
import { e2eImageOptions } from '../e2e/fleet';
import { manylinux_2_28 } from '../policies';
import { main } from '../bin/fleet';
import { synthJson, tempDir } from './helpers/fleet';

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

  test('lists every package of its lock files (all of them apply to its CPythons 3.9.2 and 3.13), with all its wheel hashes, and the base with its digest', () => {
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

  test('leaves out a locked package whose marker excludes every installed interpreter that installs from its lock', () => {
    // GIVEN manylinux_2_28_x86_64 of the default fleet: CPython 3.10.20 installs from locks/python/3.10.txt
    const fleet = new ImageFleet(new App({ outdir: tempDir('sbom-markers-') }), 'fleet');
    fleet.addPolicy(manylinux_2_28);
    const published = fleet.node.findAll().find((c) => c instanceof ManylinuxImage && c.imageId === 'manylinux_2_28_x86_64') as ManylinuxImage;
    expect(published.spec.interpreters.filter((i) => i.installed && i.interpreter.pythonVersion === '3.10').map((i) => i.interpreter.version)).toEqual(['3.10.20']);
    const listed = (renderSbom({ spec: published.spec, specHash: published.specHash, created: '2026-11-22T00:00:00Z' }) as any).packages
      .map((p: any) => `${p.name}==${p.versionInfo}`);
    const lock = (python: string) => lockedPackages(String(readImageLocks(published.spec).find((f) => f.path === `locks/python/${python}.txt`)!.content));
    const other = new Set(lock('3.9').map((p) => `${p.name}==${p.version}`));
    // THEN what only 3.10.0 and 3.10.1 install is left out, what 3.10.20 installs is listed
    const onlyEarly = lock('3.10').filter((p) => p.marker === 'python_full_version < "3.10.2"');
    expect(onlyEarly.map((p) => p.name).sort()).toEqual(['importlib-metadata', 'zipp']);
    const leftOut = onlyEarly.filter((p) => !other.has(`${p.name}==${p.version}`));
    expect(leftOut.length).toBeGreaterThan(0);
    for (const pkg of leftOut) {
      expect(listed).not.toContain(`${pkg.name}==${pkg.version}`);
    }
    for (const pkg of lock('3.10').filter((p) => p.marker !== 'python_full_version < "3.10.2"')) {
      expect(listed).toContain(`${pkg.name}==${pkg.version}`);
    }
    expect(lock('3.10').find((p) => p.name === 'tomli')!.marker).toBe('python_version < "3.11"');
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

describe('the SBOM inside the image', () => {
  const image = e2eImage();
  const doc = renderSbom({ spec: image.spec, specHash: image.specHash, created: '2026-11-22T00:00:00Z' }) as any;

  test('the final stage receives the synth document less its namespace, version and date, and the build passes those as arguments', () => {
    const template = JSON.parse(renderImageFiles(image.spec).find((file) => file.path === SBOM_TEMPLATE)!.content as string);
    const fromBuild = (d: any) => ({ namespace: d.documentNamespace, version: d.packages[0].versionInfo, created: d.creationInfo.created });
    expect(fromBuild(template)).toEqual({ namespace: 'SET-AT-BUILD', version: 'SET-AT-BUILD', created: 'SET-AT-BUILD' });
    expect({ ...template, documentNamespace: 0, creationInfo: 0, packages: template.packages.slice(1) })
      .toEqual({ ...doc, documentNamespace: 0, creationInfo: 0, packages: doc.packages.slice(1) });
    const built = Object.values(synthJson(image).resource.docker_image).find((r: any) => r.name.endsWith(`:spec-${image.specHash.slice(0, 12)}`)) as any;
    expect(built.build.build_args).toEqual({
      FLEET_SBOM_NAME: image.imageId, FLEET_SBOM_NAMESPACE: `${doc.documentNamespace}/image`, FLEET_SBOM_VERSION: doc.packages[0].versionInfo,
    });
    const dockerfile = renderDockerfile(image.spec);
    expect(dockerfile).toMatch(/\nARG FLEET_SBOM_NAME\nARG FLEET_SBOM_NAMESPACE\nARG FLEET_SBOM_VERSION\nADD stages\/image\.tar \/opt\/_internal\/build\/\nRUN \["manylinux-entrypoint","bash","\/opt\/_internal\/build\/finalize\.sh"\]/);
    expect(imageLabels(image.spec)).toContainEqual([SBOM_LABEL, LAYOUT.SBOM]);
  });

  describe('write-sbom.py, run on this machine (a Debian host: the dpkg database, as the e2e images have it)', () => {
    const script = path.join(__dirname, '..', 'image-scripts', 'write-sbom.py');
    const buildDir = tempDir('sbom-build-');
    const out = path.join(buildDir, 'sbom.spdx.json');
    fs.writeFileSync(path.join(buildDir, 'image.env'), imageEnv(image.spec).map(([key, value]) => `${key}=${key === 'SBOM' ? out : value}\n`).join(''));
    fs.writeFileSync(path.join(buildDir, SBOM_TEMPLATE), renderSbomTemplate(image.spec));
    const write = (env: Record<string, string>, args: string[] = []) =>
      spawnSync('python3', [script, ...args], { env: { PATH: process.env.PATH, FLEET_BUILD_DIR: buildDir, ...env }, encoding: 'utf8' });
    const osRelease = Object.fromEntries(fs.readFileSync('/etc/os-release', 'utf8').split('\n').filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(/^"|"$/g, '')]));

    test('refuses to run without the build arguments', () => {
      const result = write({ FLEET_SBOM_NAMESPACE: 'https://example.invalid/ns', FLEET_SBOM_VERSION: 'spec-0123456789ab' });
      expect([result.status, result.stderr]).toEqual([1, 'write-sbom.py: FLEET_SBOM_NAME, FLEET_SBOM_NAMESPACE and FLEET_SBOM_VERSION must be set (the image stack passes them as build arguments)\n']);
      expect(fs.existsSync(out)).toBe(false);
    });

    test('fills in the build arguments and the date, and adds every package dpkg-query lists as installed, each contained in the image', () => {
      const result = write({ FLEET_SBOM_NAME: 'acme', FLEET_SBOM_NAMESPACE: 'https://example.invalid/ns', FLEET_SBOM_VERSION: 'spec-0123456789ab' });
      expect([result.status, result.stderr]).toEqual([0, '']);
      const written = JSON.parse(fs.readFileSync(out, 'utf8'));
      expect([written.name, written.documentNamespace]).toEqual(['acme', 'https://example.invalid/ns']);
      expect(written.packages[0]).toEqual({ ...doc.packages[0], name: 'acme', versionInfo: 'spec-0123456789ab' });
      expect(written.creationInfo.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const distro = written.packages.filter((p: any) => p.SPDXID.startsWith(SBOM_DISTRO_PREFIX));
      const listed = spawnSync('dpkg-query', ['-W', '-f', '${db:Status-Status} ${Package} ${Version} ${Architecture}\n'], { encoding: 'utf8' }).stdout
        .split('\n').filter((line) => line.startsWith('installed ')).map((line) => line.split(' ').slice(1).join(' ')).sort();
      expect(listed.length).toBeGreaterThan(50);
      const arch = (p: any) => new URLSearchParams(p.externalRefs[0].referenceLocator.split('?')[1]).get('arch');
      expect(distro.map((p: any) => `${p.name} ${p.versionInfo} ${arch(p)}`).sort()).toEqual(listed);
      // --list prints the same, as the in-image check reads it
      expect(write({}, ['--list']).stdout.split('\n').filter(Boolean).sort()).toEqual(listed);
      const libc = distro.find((p: any) => p.name === 'libc6');
      const distroTag = `${osRelease.ID}-${osRelease.VERSION_ID}`;
      expect(libc.externalRefs[0].referenceLocator).toMatch(new RegExp(`^pkg:deb/${osRelease.ID}/libc6@[^?]+\\?arch=[a-z0-9]+&distro=${distroTag}$`));
      expect(libc.sourceInfo).toMatch(new RegExp(`^built from the ${osRelease.ID} source package glibc \\S+$`));
      const contained = new Set(written.relationships.filter((r: any) => r.relationshipType === 'CONTAINS').map((r: any) => r.relatedSpdxElement));
      expect(distro.every((p: any) => contained.has(p.SPDXID))).toBe(true);
      expect(new Set(written.packages.map((p: any) => p.SPDXID)).size).toBe(written.packages.length);
    });
  });
});
