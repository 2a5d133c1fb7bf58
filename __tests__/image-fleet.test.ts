import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, FLEET_MANIFEST_FILE, ImageFleet, buildStageName, renderFleetManifest } from '../constructs';
import { defineFleet } from '../main';
import { PUBLISHED_POLICIES, manylinux_2_28, manylinux_2_31, policyArches } from '../policies';
import { newFleet, tempDir } from './helpers/fleet';

const ROOT = path.join(__dirname, '..');
const publishedIds = () => PUBLISHED_POLICIES.flatMap((p) => policyArches(p).map((arch) => `${p.publishedName}_${arch}`)).sort();

describe('ImageFleet', () => {
  test('addPolicy adds one image per arch the policy offers', () => {
    const { fleet } = newFleet();
    const images = fleet.addPolicy(manylinux_2_28);
    expect(images.map((i) => i.imageId)).toEqual(
      ['manylinux_2_28_x86_64', 'manylinux_2_28_i686', 'manylinux_2_28_aarch64', 'manylinux_2_28_ppc64le', 'manylinux_2_28_s390x']);
  });

  test('writes fleet.json with the contract fields at synth', () => {
    // GIVEN
    const { app, fleet } = newFleet({ registry: 'quay.io/pypa' });
    fleet.addPolicy(manylinux_2_31);
    // WHEN
    app.synth();
    // THEN
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, FLEET_MANIFEST_FILE), 'utf8'));
    expect(Object.keys(manifest)).toEqual(['schemaVersion', 'registry', 'images']);
    expect(manifest.schemaVersion).toBe(1);
    const [image] = manifest.images;
    expect(Object.keys(image)).toEqual(['id', 'policy', 'policyAliases', 'arch', 'platform', 'repository', 'tags', 'specHash',
      'base', 'toolchain', 'interpreters', 'tools', 'runner', 'emulated', 'stack', 'cacheImages', 'crossHost']);
    expect(image).toMatchObject({
      id: 'manylinux_2_31_armv7l', policy: 'manylinux_2_31', policyAliases: [], arch: 'armv7l', platform: 'linux/arm/v7',
      repository: 'quay.io/pypa/manylinux_2_31_armv7l', runner: 'ubuntu-24.04-arm', emulated: false, stack: 'manylinux_2_31_armv7l', crossHost: null,
      base: { image: 'ubuntu:20.04', digest: null, distro: 'Ubuntu', version: '20.04', family: 'debian', libc: 'glibc', libcVersion: '2.31' },
      toolchain: { name: 'ubuntu-20.04-gcc', gcc: '9' },
    });
    expect(image.tags).toEqual([`spec-${image.specHash.slice(0, 12)}`, 'latest']);
    expect(image.interpreters.map((i: { tag: string }) => i.tag)).toEqual(fleet.images[0].spec.interpreters.map((i) => i.interpreter.tag));
    expect(image.tools.map((t: { name: string }) => t.name)).toEqual(fleet.images[0].spec.tools.map((t) => t.name));
  });

  test('writes fleet.json for a fleet without images too, once per synth', () => {
    const { app } = newFleet();
    app.synth();
    expect(JSON.parse(fs.readFileSync(path.join(app.outdir, FLEET_MANIFEST_FILE), 'utf8'))).toEqual({ schemaVersion: 1, registry: 'localhost:5000', images: [] });
  });

  test('build contexts are written only by a synth', () => {
    // GIVEN a fleet constructed but not synthesized
    const outdir = tempDir('nosynth-');
    const fleet = new ImageFleet(new App({ outdir }), 'fleet');
    fleet.addPolicy(manylinux_2_28);
    // THEN no file was written (cdktf's App makes the empty folders): the model is computed in memory
    expect(fleet.model.images).toHaveLength(5);
    const files = (fs.readdirSync(outdir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(outdir, f)).isFile());
    expect(files).toEqual([]);
  });

  test('the default fleet is every image the published policies offer, sorted by id, with aliases', () => {
    const model = defineFleet(new App({ outdir: tempDir('out-') })).model;
    expect(model.images.map((i) => i.id)).toEqual(publishedIds());
    const x86 = model.images.find((i) => i.id === 'manylinux2014_x86_64')!;
    expect(x86.policyAliases).toEqual(['manylinux_2_17']);
    const uvless = model.images.find((i) => i.id === 'musllinux_1_2_s390x')!;
    expect(uvless.tools.map((t) => t.name)).not.toContain('uv');
  });

  test('every image of the default fleet reads and fills a stage cache: one cache image per stage before the final one, each CPython among them', () => {
    const { images } = defineFleet(new App({ outdir: tempDir('cache-') }));
    for (const image of images) {
      const stages = image.cacheImages.map((cache) => cache.stage);
      const cpythons = image.spec.interpreters.filter(({ interpreter }) => interpreter.implementation === 'cpython')
        .map(({ interpreter }) => buildStageName(interpreter.tag));
      expect([image.imageId, stages.slice(0, 2)]).toEqual([image.imageId, ['runtime_base', 'build_base']]);
      expect([image.imageId, stages]).toEqual([image.imageId, expect.arrayContaining(['build_cpython', ...cpythons])]);
      expect([image.imageId, image.cacheImages.every((cache) => cache.reference.startsWith(`localhost:5000/manylinux-fleet-cache:${image.imageId}.`))])
        .toEqual([image.imageId, true]);
    }
  });

  test('two synths from two checkouts at different paths, in separate processes, give byte-identical output', () => {
    // GIVEN two copies of the project at different paths (node_modules shared by a link)
    const checkout = (name: string) => {
      const dir = path.join(tempDir('checkout-'), name);
      fs.mkdirSync(dir);
      for (const entry of ['main.ts', 'constructs', 'policies', 'image-scripts', 'locks', 'package.json', 'tsconfig.json']) {
        fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
      }
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
      return dir;
    };
    const synth = (dir: string) => {
      const outdir = path.join(dir, 'cdktf.out');
      execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'main.ts'], {
        cwd: dir, env: { ...process.env, CDKTF_OUTDIR: outdir, TMPDIR: tempDir('tmp-'), CDKTF_CONTEXT_JSON: '{}' },
      });
      return outdir;
    };
    // WHEN
    const [a, b] = [synth(checkout('one')), synth(checkout('second-checkout'))];
    // THEN fleet.json, every stack's Terraform JSON (less the local state path) and every context file are equal
    expect(fs.readFileSync(path.join(b, FLEET_MANIFEST_FILE), 'utf8')).toBe(fs.readFileSync(path.join(a, FLEET_MANIFEST_FILE), 'utf8'));
    const stacks = fs.readdirSync(path.join(a, 'stacks')).sort();
    expect(stacks).toEqual([...publishedIds(), 'github'].sort());
    const comparable = (out: string, stack: string) => {
      const json = JSON.parse(fs.readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
      delete json.terraform.backend;
      return json;
    };
    for (const stack of stacks) {
      expect([stack, comparable(b, stack)]).toEqual([stack, comparable(a, stack)]);
      const files = stack === 'github' ? [] : fs.readdirSync(path.join(a, 'stacks', stack, 'context'), { recursive: true }).map(String).filter((f) => /Dockerfile|[.]tar$/.test(f));
      expect([stack, stack === 'github' || files.length > 5]).toEqual([stack, true]);
      for (const file of files) {
        const [x, y] = [a, b].map((out) => fs.readFileSync(path.join(out, 'stacks', stack, 'context', file)));
        expect([stack, file, Buffer.compare(x, y)]).toEqual([stack, file, 0]);
      }
    }
  });
});

describe('main.ts as cdktf runs it', () => {
  test('fails with one line naming the key and value, and no stack trace', () => {
    let stderr = '';
    let status = 0;
    try {
      execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'main.ts')], {
        cwd: ROOT, stdio: 'pipe', env: { ...process.env, FLEET_REGISTRY: 'HTTPS://Quay.io', CDKTF_OUTDIR: tempDir('bad-') },
      });
    } catch (error) {
      const failure = error as { status: number; stderr: Buffer };
      status = failure.status;
      stderr = failure.stderr.toString();
    }
    expect(status).toBe(1);
    expect(stderr).toBe("Error: FLEET_REGISTRY: registry 'HTTPS://Quay.io' is not a registry host with an optional lower-case path (allowed: localhost:5000, quay.io/pypa, ghcr.io/<owner>); give host[:port][/namespace] without a scheme (no https://) or a tag\n");
  });
});

test('renderFleetManifest keeps the contract keys only (the parent link stays in the model)', () => {
  const { fleet } = newFleet();
  fleet.addDerivedImage(fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' }), { name: 'acme', extraPackages: ['git'] });
  const text = renderFleetManifest(fleet.model);
  expect(text).not.toContain('parentId');
  expect(text.endsWith('}\n')).toBe(true);
});
