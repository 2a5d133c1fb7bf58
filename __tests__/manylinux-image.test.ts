import { Image } from '@cdktf/provider-docker/lib/image';
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { contentTag, sbomBuildArgs } from '../constructs';
import { manylinux2014, manylinux_2_28, manylinux_2_36, DEBIAN_12, DEBIAN_12_GCC } from '../policies';
import { newFleet, synthJson } from './helpers/fleet';

describe('ManylinuxImage', () => {
  test('is a stack named by the image id with a build, content tag, build-id tag and latest', () => {
    // GIVEN
    const { fleet } = newFleet({ registry: 'quay.io/pypa' });
    // WHEN
    const image = fleet.addImage({ policy: manylinux2014, arch: 'aarch64' });
    const json = synthJson(image);
    // THEN
    expect(image.node.id).toBe('manylinux2014_aarch64');
    const built = json.resource.docker_image.Image;
    expect(built.name).toBe(`quay.io/pypa/manylinux2014_aarch64:${contentTag(image.specHash)}`);
    expect(built.build).toEqual({ context: 'context', dockerfile: 'Dockerfile', platform: 'linux/arm64', build_args: sbomBuildArgs(image.imageId, image.specHash) });
    expect(built.build.build_args.FLEET_SBOM_VERSION).toBe(contentTag(image.specHash));
    expect(built.triggers).toEqual({ spec_hash: image.specHash });
    const targets = Object.values(json.resource.docker_tag).map((t: any) => t.target_image).sort();
    expect(targets).toEqual(['quay.io/pypa/manylinux2014_aarch64:${var.build_id}', 'quay.io/pypa/manylinux2014_aarch64:latest']);
  });

  test('every pushed tag keeps the remote image (the IaC never deletes a published tag)', () => {
    const image = newFleet().fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64', extraTags: ['stable'] });
    const all = synthJson(image).resource.docker_registry_image as Record<string, any>;
    for (const cache of image.cacheImages) {
      const push = Object.values(all).find((p) => new RegExp(`^\\$\\{docker_image\\.Cache_${cache.stage}_[0-9A-F]+\\.name\\}$`).test(p.name));
      expect([cache.stage, push?.keep_remotely]).toEqual([cache.stage, true]);
    }
    const pushes = Object.values(all).filter((push) => !push.name.includes('Cache_'));
    expect(pushes).toHaveLength(4);
    for (const push of pushes) {
      expect(push.keep_remotely).toBe(true);
      expect(push.triggers).toEqual({ image_id: '${docker_image.Image.image_id}' });
    }
    // one push at a time: each alias push waits for the previous one
    const [first, ...rest] = [pushes.find((push) => push.name === '${docker_image.Image.name}'), ...pushes.filter((push) => push.name !== '${docker_image.Image.name}')];
    expect(first.depends_on).toBeUndefined();
    expect(rest.every((push) => push.depends_on.some((d: string) => d.startsWith('docker_registry_image.')))).toBe(true);
  });

  test('the spec hash is the build trigger and changes with any input', () => {
    const { fleet } = newFleet();
    const a = fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    const b = newFleet().fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    const c = newFleet().fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64', extraPackages: ['git'] });
    expect(a.specHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.specHash).toBe(a.specHash);
    expect(c.specHash).not.toBe(a.specHash);
  });

  test('the build context is written into the stack folder at synth, the files the spec hash covers', () => {
    // GIVEN
    const { app, fleet } = newFleet();
    const image = fleet.addImage({ policy: manylinux_2_28, arch: 'i686' });
    // WHEN
    app.synth();
    // THEN
    const dir = path.join(app.outdir, 'stacks', image.imageId, 'context');
    expect(fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.includes('.') || f === 'Dockerfile').sort())
      .toEqual(image.contextFiles.map((file) => file.path).sort());
    expect(image.contextFiles.map((file) => file.path)).toEqual(expect.arrayContaining(['Dockerfile', 'stages/runtime_base.tar', 'stages/image.tar']));
    for (const file of image.contextFiles) {
      expect([file.path, Buffer.compare(fs.readFileSync(path.join(dir, file.path)), Buffer.from(file.content))]).toEqual([file.path, 0]);
    }
    const listing = execFileSync('tar', ['tvf', path.join(dir, 'stages', 'image.tar')]).toString();
    expect(listing).toMatch(/^-rw-r--r-- root\/root +\d+ 1970-01-01 00:00 image\.env$/m);
    expect(listing).toMatch(/^-rw-r--r-- root\/root +\d+ 1970-01-01 00:00 interpreters\.tsv$/m);
    expect(listing).toMatch(/^-rwxr-xr-x root\/root +\d+ 1970-01-01 00:00 manylinux-entrypoint$/m);
  });

  test('each stage but the last is built as its own target, reads its cache from its own image only, and is pushed addressed by its inputs', () => {
    // GIVEN an image with two CPythons
    const image = newFleet({ registry: 'ghcr.io/acme' }).fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    const json = synthJson(image);
    const cacheFrom = image.cacheImages.map((cache) => cache.reference);
    // THEN every stage before the final one has a cache image in the fleet's cache repository
    expect(image.cacheImages.map((cache) => cache.stage)).toEqual(expect.arrayContaining(['runtime_base', 'build_base', 'build_cpython', 'build_cp312_cp312', 'build_sqlite3']));
    expect(image.cacheImages.map((cache) => cache.stage)).not.toContain('image');
    for (const cache of image.cacheImages) {
      expect(cache.reference).toBe(`ghcr.io/acme/manylinux-fleet-cache:manylinux_2_28_x86_64.${cache.stage}.${cache.inputsHash.slice(0, 24)}`);
      // built as that target with its cache metadata inline, reading its own stage image only
      const built = Object.values(json.resource.docker_image as Record<string, any>).find((r) => r.name === cache.reference);
      expect(built.build).toEqual({
        context: 'context', dockerfile: 'Dockerfile', platform: 'linux/amd64', target: cache.stage,
        cache_from: [cache.reference], build_args: { BUILDKIT_INLINE_CACHE: '1' },
      });
      expect(built.triggers).toEqual({ inputs_hash: cache.inputsHash });
      // pushed once per inputs hash: a rebuild from the cache never replaces the pushed stage image
      const builtId = Object.entries(json.resource.docker_image as Record<string, any>).find(([, r]) => r.name === cache.reference)![0];
      const pushed = Object.values(json.resource.docker_registry_image as Record<string, any>).find((r) => r.name === `\${docker_image.${builtId}.name}`);
      expect(pushed.triggers).toEqual({ inputs_hash: cache.inputsHash });
    }
    // AND the image itself is built only after every stage image is pushed, from those images
    const dockerfile = String(image.contextFiles.find((file) => file.path === 'Dockerfile')!.content);
    const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(finalStage).toContain(`FROM ${image.cacheImages.find((c) => c.stage === 'runtime_base')!.reference} AS image`);
    expect(finalStage).toContain(`COPY --from=${image.cacheImages.find((c) => c.stage === 'build_cp312_cp312')!.reference} /opt/_internal/cpython-3.12.`);
    expect(finalStage).not.toMatch(/--from=build_/);
    const dependsOn = json.resource.docker_image.Image.depends_on as string[];
    expect(dependsOn).toHaveLength(image.cacheImages.length);
    expect(dependsOn.every((d) => d.startsWith('docker_registry_image.Cache_'))).toBe(true);
    expect(json.output.cache_images.value).toEqual(cacheFrom);
  });


  test('each stage is built on its parents\' pushed stage images: no build runs another stage\'s steps', () => {
    // GIVEN an image whose native and CPython stages copy from each other
    const image = newFleet({ registry: 'ghcr.io/acme' }).fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    const json = synthJson(image);
    const dockerfile = String(image.contextFiles.find((file) => file.path === 'Dockerfile')!.content);
    const stageNames = new Set([...dockerfile.matchAll(/^FROM .* AS (\S+)$/gm)].map((m) => m[1]));
    // THEN no FROM and no COPY --from names a stage: each names an image (a stage image or the base)
    const sources = [...dockerfile.matchAll(/^FROM (?:--platform=\S+ )?(\S+) AS /gm), ...dockerfile.matchAll(/^COPY --from=(\S+) /gm)].map((m) => m[1]);
    expect(sources.filter((source) => stageNames.has(source))).toEqual([]);
    expect(dockerfile).toContain(`FROM ${image.cacheImages.find((c) => c.stage === 'build_cpython')!.reference} AS build_cp312_cp312`);
    // AND each stage image is built after the pushes of exactly the stages it names, and no other
    const resources = json.resource.docker_image as Record<string, any>;
    const idOf = (stage: string) => Object.entries(resources).find(([, r]) => r.name === image.cacheImages.find((c) => c.stage === stage)!.reference)![0];
    const pushes = json.resource.docker_registry_image as Record<string, any>;
    const pushOf = (stage: string) => `docker_registry_image.${Object.entries(pushes).find(([, r]) => r.name === `\${docker_image.${idOf(stage)}.name}`)![0]}`;
    for (const cache of image.cacheImages) {
      const stage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM ', dockerfile.indexOf(` AS ${cache.stage}\n`))).split('\n\n')[0];
      const named = image.cacheImages.filter((other) => stage.includes(`${other.reference} `) || stage.includes(`${other.reference}\n`)).map((other) => other.stage);
      expect([cache.stage, [...cache.parents].sort()]).toEqual([cache.stage, named.sort()]);
      const dependsOn = (resources[idOf(cache.stage)].depends_on ?? []) as string[];
      expect([cache.stage, [...dependsOn].sort()]).toEqual([cache.stage, cache.parents.map(pushOf).sort()]);
    }
    expect(image.cacheImages.find((c) => c.stage === 'build_base')!.parents).toEqual(['runtime_base']);
    expect(image.cacheImages.find((c) => c.stage === 'runtime_base')!.parents).toEqual([]);
  });
  test('build_id is a validated string variable defaulting to local', () => {
    const image = newFleet().fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    const variable = synthJson(image).variable.build_id;
    expect(variable.default).toBe('local');
    expect(variable.validation[0].condition).toBe('${can(regex("^(local|[0-9]{4}[.][0-9]{2}[.][0-9]{2}-[0-9]+)$", var.build_id))}');
  });

  test('uses the configured Docker host for its arch; registry auth from the environment, disabled on loopback', () => {
    // GIVEN
    const { fleet } = newFleet({ registry: 'ghcr.io/acme', dockerHosts: { aarch64: 'ssh://builder@arm' } });
    // WHEN
    const arm = fleet.addImage({ policy: manylinux_2_28, arch: 'aarch64' });
    const x86 = fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    // THEN
    expect(synthJson(arm).provider.docker[0]).toEqual({ host: 'ssh://builder@arm', registry_auth: [{ address: 'ghcr.io' }] });
    expect(synthJson(x86).provider.docker[0]).toEqual({ registry_auth: [{ address: 'ghcr.io' }] });
    const local = newFleet().fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    expect(synthJson(local).provider.docker[0]).toEqual({ registry_auth: [{ address: 'http://localhost:5000', auth_disabled: true }] });
  });

  test('a local state directory and an s3 backend are honoured', () => {
    const local = newFleet({ backend: { type: 'local', dir: '/srv/state' } }).fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    expect(synthJson(local).terraform.backend).toEqual({ local: { path: '/srv/state/manylinux_2_28_x86_64.tfstate' } });
    const s3 = newFleet({ backend: { type: 's3', bucket: 'tf', region: 'eu-west-1' } }).fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    expect(synthJson(s3).terraform.backend.s3).toMatchObject({ bucket: 'tf', region: 'eu-west-1', key: 'manylinux-fleet/manylinux_2_28_x86_64.tfstate' });
  });

  test('passes the synth-time validations of cdktf', () => {
    const image = newFleet().fleet.addImage({ policy: manylinux_2_36, arch: 'x86_64', baseImage: DEBIAN_12, toolchain: DEBIAN_12_GCC });
    expect(() => Testing.synth(image, true)).not.toThrow();
    expect(Testing.synth(image)).toHaveResourceWithProperties(Image, { keep_locally: true, name: expect.stringMatching(/^localhost:5000\/manylinux_2_36_x86_64:spec-[0-9a-f]{12}$/) });
  });
});

