import { defaultManifest } from '../bin/fleet';
import { buildsFromFleetImage, credentialsFromEnvironment, fleetBases } from '../bin/lib/bases/command';
import { apiBase, parseChallenge, parseReference } from '../bin/lib/bases/registry';

describe('fleet update bases: what it asks which registry', () => {
  test('references split as Docker reads them: registry, repository (library/ on Docker Hub), tag', () => {
    expect(parseReference('quay.io/almalinuxorg/almalinux:8')).toEqual({ registry: 'quay.io', repository: 'almalinuxorg/almalinux', tag: '8' });
    expect(parseReference('alpine:3.22')).toEqual({ registry: 'docker.io', repository: 'library/alpine', tag: '3.22' });
    expect(parseReference('rockylinux/rockylinux:10')).toEqual({ registry: 'docker.io', repository: 'rockylinux/rockylinux', tag: '10' });
    expect(parseReference('127.0.0.1:5000/fleet-e2e/debian:bookworm')).toEqual({ registry: '127.0.0.1:5000', repository: 'fleet-e2e/debian', tag: 'bookworm' });
    expect(parseReference('localhost/x')).toEqual({ registry: 'localhost', repository: 'x', tag: 'latest' });
    expect(() => parseReference(`alpine@sha256:${'a'.repeat(64)}`)).toThrow('a reference with a digest is already pinned');
  });

  test('Docker Hub is asked at its API host, loopback over plain HTTP, every other registry over HTTPS', () => {
    expect(apiBase('docker.io')).toBe('https://registry-1.docker.io');
    expect(apiBase('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(apiBase('localhost:5000')).toBe('http://localhost:5000');
    expect(apiBase('quay.io')).toBe('https://quay.io');
  });

  test('a Bearer challenge gives realm, service and scope; another scheme gives nothing', () => {
    expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"'))
      .toEqual({ realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/alpine:pull' });
    expect(parseChallenge('Basic realm="registry"')).toBeUndefined();
    expect(parseChallenge('Bearer service="x"')).toBeUndefined();
  });

  test('the default fleet asks for each base reference once per arch, and not for a derived image', () => {
    const manifest = defaultManifest();
    const targets = fleetBases(manifest);
    const keys = targets.map((t) => `${t.reference} ${t.arch}`);
    expect(keys).toEqual([...new Set(keys)].sort());
    expect(targets).toEqual(expect.arrayContaining([
      { reference: 'quay.io/almalinuxorg/almalinux:8', arch: 'aarch64', platform: 'linux/arm64' },
      { reference: 'ubuntu:22.04', arch: 'armv7l', platform: 'linux/arm/v7' },
    ]));
    const own = manifest.images.filter((image) => !buildsFromFleetImage(manifest, image));
    expect(new Set(own.map((i) => `${i.base.image} ${i.arch}`))).toEqual(new Set(keys));
    // an image FROM another fleet image's content tag is pinned by content, not asked for
    const derived = { ...manifest.images[0], id: 'x_acme', base: { ...manifest.images[0].base, image: `${manifest.images[1].repository}:spec-${'a'.repeat(12)}` } };
    expect(fleetBases({ ...manifest, images: [...manifest.images, derived] })).toEqual(targets);
  });

  test('an image that cross-compiles also asks for its build machine\'s base, once per reference and arch', () => {
    const manifest = defaultManifest();
    const image = manifest.images.find((i) => i.arch === 'x86_64')!;
    const crossHost = { image: 'registry.example/debian:bullseye', digest: null, arch: 'x86_64', platform: 'linux/amd64' };
    const cross = { ...image, id: 'x_armv7l', arch: 'armv7l', platform: 'linux/arm/v7', base: { ...image.base, image: 'registry.example/armhf/debian:bullseye' }, crossHost };
    const twin = { ...cross, id: 'y_armv7l' };
    const keys = fleetBases({ ...manifest, images: [...manifest.images, cross, twin] }).map((t) => `${t.reference} ${t.arch} ${t.platform}`);
    expect(keys.filter((key) => key.startsWith('registry.example/'))).toEqual([
      'registry.example/armhf/debian:bullseye armv7l linux/arm/v7', 'registry.example/debian:bullseye x86_64 linux/amd64',
    ]);
  });

  test('credentials come from FLEET_BASES_REGISTRY, FLEET_BASES_USERNAME and FLEET_BASES_PASSWORD together, or not at all', () => {
    expect(credentialsFromEnvironment({ FLEET_BASES_REGISTRY: 'ghcr.io', FLEET_BASES_USERNAME: 'u', FLEET_BASES_PASSWORD: 'p' }))
      .toEqual({ registry: 'ghcr.io', username: 'u', password: 'p' });
    expect(credentialsFromEnvironment({ FLEET_BASES_USERNAME: 'u', FLEET_BASES_PASSWORD: 'p' })).toBeUndefined();
    expect(credentialsFromEnvironment({})).toBeUndefined();
  });
});
