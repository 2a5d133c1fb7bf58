import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, FLEET_MANIFEST_FILE } from '../constructs';
import { defineFleet } from '../main';
import { manylinux_2_28, manylinux_2_31 } from '../policies';
import { newFleet, tempDir } from './helpers/fleet';

const ROOT = path.join(__dirname, '..');

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
      'base', 'toolchain', 'interpreters', 'tools', 'runner', 'emulated', 'stack']);
    expect(image).toMatchObject({
      id: 'manylinux_2_31_armv7l', policy: 'manylinux_2_31', policyAliases: [], arch: 'armv7l', platform: 'linux/arm/v7',
      repository: 'quay.io/pypa/manylinux_2_31_armv7l', runner: 'ubuntu-24.04-arm', emulated: false, stack: 'manylinux_2_31_armv7l',
      base: { image: 'ubuntu:20.04', digest: null, distro: 'Ubuntu', version: '20.04', family: 'debian', libc: 'glibc', libcVersion: '2.31' },
      toolchain: { name: 'ubuntu-20.04-gcc', gcc: '9' },
    });
    expect(image.tags).toEqual([`spec-${image.specHash.slice(0, 12)}`, 'latest']);
    expect(image.interpreters.filter((i: { installed: boolean }) => i.installed)).toHaveLength(9);
    expect(image.tools.map((t: { name: string }) => t.name)).toEqual(['pipx', 'auditwheel', 'cmake', 'patchelf', 'swig', 'uv', 'abi3audit']);
  });

  test('the default fleet is the 26 published images, sorted by id, with aliases', () => {
    const app = new App({ outdir: tempDir('out-') });
    const manifest = JSON.parse(defineFleet(app).renderManifest());
    expect(manifest.images).toHaveLength(26);
    const ids = manifest.images.map((i: { id: string }) => i.id);
    expect([...ids].sort()).toEqual(ids);
    const x86 = manifest.images.find((i: { id: string }) => i.id === 'manylinux2014_x86_64');
    expect(x86.policyAliases).toEqual(['manylinux_2_17']);
    expect(x86.interpreters).toHaveLength(14);
    const uvless = manifest.images.find((i: { id: string }) => i.id === 'musllinux_1_2_s390x');
    expect(uvless.tools.map((t: { name: string }) => t.name)).not.toContain('uv');
  });

  test('two synths in separate processes with different output and temp folders give byte-identical fleet.json', () => {
    // GIVEN two separate processes, project copies at different paths, different TMPDIRs
    const run = () => {
      const tmp = tempDir('det-');
      const outdir = path.join(tmp, 'out');
      execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'main.ts')], {
        cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir, TMPDIR: path.join(tmp), CDKTF_CONTEXT_JSON: '{}' },
      });
      return fs.readFileSync(path.join(outdir, FLEET_MANIFEST_FILE), 'utf8');
    };
    // WHEN
    const first = run();
    const second = run();
    // THEN
    expect(second).toBe(first);
    expect(JSON.parse(first).images).toHaveLength(26);
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
