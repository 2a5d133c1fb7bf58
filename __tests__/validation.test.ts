import * as fs from 'fs';
import * as path from 'path';
import { readBaseLock, resolveFleetConfig } from '../constructs';
import {
  ALMALINUX_8, CENTOS_7, CPYTHON_3_12, DEBIAN_12, DEBIAN_12_GCC, DEVTOOLSET_10, UBUNTU_20_04, UBUNTU_20_04_GCC,
  manylinux1, manylinux2014, manylinux_2_28, manylinux_2_34, manylinux_2_35, manylinux_2_36, musllinux_1_2,
} from '../policies';
import type { Interpreter } from '../policies';
import { newFleet, tempDir } from './helpers/fleet';

// Every message names the subject (image id or config key), the value, and the fix.

describe('image validation', () => {
  const add = (options: Parameters<ReturnType<typeof newFleet>['fleet']['addImage']>[0]) => () => newFleet().fleet.addImage(options);

  test('fails if the arch is not offered by the policy', () => {
    expect(add({ policy: manylinux2014, arch: 'riscv64' }))
      .toThrow(/^manylinux2014_riscv64: .*'riscv64'.*\(allowed: x86_64, i686, aarch64, ppc64le, s390x\); drop it or use manylinux_2_39/);
  });

  test('fails if the arch is not an architecture name', () => {
    expect(add({ policy: manylinux_2_28, arch: 'amd64' }))
      .toThrow(/^manylinux_2_28_amd64: arch 'amd64' is not an architecture name.*use the wheel-tag spelling \(x86_64 not amd64/);
  });

  test('fails if auditwheel has no policy for the arch', () => {
    expect(add({ policy: manylinux1, arch: 'aarch64', allowEndOfLife: true, baseImage: CENTOS_7, toolchain: DEVTOOLSET_10 }))
      .toThrow(/^manylinux1_aarch64: auditwheel defines no manylinux1 policy for arch 'aarch64' \(allowed: x86_64, i686\); drop it or use manylinux2014/);
  });

  test('fails if an end-of-life policy is used without opting in', () => {
    expect(add({ policy: manylinux1, arch: 'x86_64' }))
      .toThrow(/^manylinux1_x86_64: policy manylinux1 reached end of life on 2022-01-01 \(pypa\/manylinux#994\).*allowEndOfLife false.*pass allowEndOfLife: true/);
  });

  test('fails if a policy without images gets no base image and toolchain', () => {
    expect(add({ policy: manylinux_2_36, arch: 'x86_64' }))
      .toThrow(/^manylinux_2_36_x86_64: policy manylinux_2_36 has no image recipe; pass baseImage and toolchain/);
  });

  test('fails if the base image libc is newer than the policy allows', () => {
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', baseImage: DEBIAN_12, toolchain: DEBIAN_12_GCC }))
      .toThrow(/^manylinux_2_28_x86_64: base image debian-12 has glibc 2.36, newer than manylinux_2_28 allows \(2.28\).*almalinux-8.*pick a base with glibc <= 2.28/);
  });

  test('fails if the base image libc kind does not match the policy', () => {
    expect(add({ policy: musllinux_1_2, arch: 'x86_64', baseImage: ALMALINUX_8 }))
      .toThrow(/^musllinux_1_2_x86_64: base image almalinux-8 uses glibc, but musllinux_1_2 is a musl policy.*alpine-3.22.*pick a musl base image/);
  });

  test('fails if the toolchain is not available on the base distro', () => {
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', toolchain: DEVTOOLSET_10 }))
      .toThrow(/^manylinux_2_28_x86_64: toolchain devtoolset-10 is not available on base image almalinux-8.*a base from: centos-7/);
  });

  test('fails if the base image has no reference for the arch', () => {
    expect(add({ policy: manylinux_2_35, arch: 'i686', baseImage: UBUNTU_20_04, toolchain: UBUNTU_20_04_GCC }))
      .toThrow(/^manylinux_2_35_i686: base image ubuntu-20.04 has no reference for arch 'i686' \(allowed: x86_64.*add references.i686/);
  });

  test('fails if the base image reference is malformed', () => {
    const base = { ...ALMALINUX_8, references: { x86_64: 'Quay.io/Alma Linux:8' } };
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', baseImage: base }))
      .toThrow(/^manylinux_2_28_x86_64: base image reference 'Quay.io\/Alma Linux:8' is not a valid image reference; write it as \[registry\/\]name\[:tag\]/);
  });

  test('fails if the base digest is malformed', () => {
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', baseDigest: 'sha256:abc' }))
      .toThrow(/^manylinux_2_28_x86_64: base image digest 'sha256:abc' is malformed; give sha256: followed by 64/);
  });

  test('fails if the base lock pins a malformed digest, naming the lock file', () => {
    const lock = path.join(tempDir('lock-'), 'bases.json');
    fs.writeFileSync(lock, JSON.stringify({ bases: { 'quay.io/pypa/manylinux2014_base:2025.11.10-3': { x86_64: { digest: 'md5:0123' } } } }));
    expect(() => readBaseLock(lock))
      .toThrow(`${lock}: the digest 'md5:0123' of quay.io/pypa/manylinux2014_base:2025.11.10-3 for x86_64 is malformed (expected sha256: and 64 lower-case hex digits); delete the file and run npm run fleet -- update bases to write it again`);
  });

  test('fails if an interpreter tag is unknown', () => {
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', interpreters: ['cp313-cp313t'] }))
      .toThrow(/^manylinux_2_28_x86_64: unknown interpreter 'cp313-cp313t' \(allowed: cp39-cp39.*\); use a catalogue tag/);
  });

  test('fails if an interpreter is not available on the arch (PyPy on ppc64le)', () => {
    expect(add({ policy: manylinux_2_28, arch: 'ppc64le', interpreters: ['cp312-cp312', 'pp311-pypy311_pp73'] }))
      .toThrow(/^manylinux_2_28_ppc64le: interpreter pp311-pypy311_pp73 is not available on ppc64le.*drop pp311-pypy311_pp73/);
  });

  test('fails if an interpreter is not available on the arch (GraalPy on i686)', () => {
    expect(add({ policy: manylinux_2_34, arch: 'i686', interpreters: ['graalpy312-graalpy250_312_native'] }))
      .toThrow(/^manylinux_2_34_i686: interpreter graalpy312-graalpy250_312_native is not available on i686/);
  });

  test('fails if an interpreter has no build for the libc (PyPy on musllinux)', () => {
    expect(add({ policy: musllinux_1_2, arch: 'x86_64', interpreters: ['pp311-pypy311_pp73'] }))
      .toThrow(/^musllinux_1_2_x86_64: interpreter pp311-pypy311_pp73 has no musl build \(allowed: cp39-cp39.*drop pp311/);
  });

  test('fails if the interpreter set is empty', () => {
    expect(add({ policy: manylinux_2_28, arch: 'aarch64', interpreters: [] }))
      .toThrow(/^manylinux_2_28_aarch64: the interpreter set is empty.*list at least one interpreter/);
  });

  test('fails if an interpreter is listed twice', () => {
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', interpreters: ['cp312-cp312', CPYTHON_3_12] }))
      .toThrow(/^manylinux_2_28_x86_64: interpreter 'cp312-cp312' is listed twice; list each interpreter once/);
  });

  test('fails if the image lacks the CPython the tools run on (default 3.12)', () => {
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', interpreters: ['cp39-cp39', 'cp311-cp311', 'cp314-cp314t'] }))
      .toThrow(/^manylinux_2_28_x86_64: toolsPython '3.12' is not a stable GIL CPython installed in the image \(allowed: 3.9, 3.11\); set toolsPython to one of these, or add cp312-cp312 to the interpreters/);
  });

  test('fails if toolsPython names a pre-release or free-threaded CPython', () => {
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', toolsPython: '3.15' }))
      .toThrow(/^manylinux_2_28_x86_64: toolsPython '3.15' is not a stable GIL CPython installed in the image \(allowed: 3.9, 3.10, 3.11, 3.12, 3.13, 3.14\)/);
  });

  test('fails if toolsPython is older than a tool needs', () => {
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', toolsPython: '3.9' }))
      .toThrow(/^manylinux_2_28_x86_64: toolsPython '3.9' is too old for pipx 1.15.0 \(Requires-Python >= 3.10\), auditwheel 6.7.0 \(Requires-Python >= 3.10\) \(allowed: 3.10, .*3.14\); set toolsPython to one of these/);
  });

  test('fails if toolsPython is not a string (plain JavaScript)', () => {
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', toolsPython: 3.12 as unknown as string }))
      .toThrow(/^manylinux_2_28_x86_64: toolsPython must be/);
  });

  test('fails if a custom interpreter has a malformed sha256', () => {
    const custom: Interpreter = { ...CPYTHON_3_12, source: { ...CPYTHON_3_12.source!, sha256: 'ABC123' } };
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', interpreters: [custom] }))
      .toThrow(/^manylinux_2_28_x86_64: interpreter cp312-cp312: sha256 'ABC123' of https:.* is not 64 lower-case hex digits; copy the sha256/);
  });

  test('fails if a custom interpreter has a non-http url', () => {
    const custom: Interpreter = { ...CPYTHON_3_12, source: { ...CPYTHON_3_12.source!, url: 'ftp://example.org/Python.tgz' } };
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', interpreters: [custom] }))
      .toThrow(/^manylinux_2_28_x86_64: interpreter cp312-cp312: download url 'ftp:\/\/example.org\/Python.tgz' is not an http\(s\) URL/);
  });

  test('fails if a custom interpreter tag is not a directory name', () => {
    const custom: Interpreter = { ...CPYTHON_3_12, tag: 'python 3.12' };
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', interpreters: [custom] }))
      .toThrow(/^manylinux_2_28_x86_64: interpreter tag 'python 3.12' is not a <python tag>-<abi tag> directory name; name it like cp312-cp312/);
  });

  test('fails if an extra package name carries shell syntax', () => {
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', extraPackages: ['openssl-devel; rm -rf /'] }))
      .toThrow(/^manylinux_2_28_x86_64: extra package 'openssl-devel; rm -rf \/' is not a valid dnf package name; give bare package names for AlmaLinux 8/);
  });

  test('fails if an apt package name has upper case letters', () => {
    expect(add({ policy: manylinux_2_36, arch: 'x86_64', baseImage: DEBIAN_12, toolchain: DEBIAN_12_GCC, extraPackages: ['LibFoo'] }))
      .toThrow(/^manylinux_2_36_x86_64: extra package 'LibFoo' is not a valid apt package name/);
  });

  test('fails if sharedCpython names a version the image does not have', () => {
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', sharedCpython: ['3.8'] }))
      .toThrow(/^manylinux_2_28_x86_64: sharedCpython '3.8' is not a CPython version of this image \(allowed: 3.9, 3.10.*pick X.Y versions/);
  });

  test('fails if an extra tag is not a Docker tag', () => {
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', extraTags: ['-bad tag'] }))
      .toThrow(/^manylinux_2_28_x86_64: tag '-bad tag' is not a valid Docker tag; use up to 128 characters/);
  });

  test('fails if an extra tag duplicates one the fleet pushes', () => {
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', extraTags: ['latest'] }))
      .toThrow(/^manylinux_2_28_x86_64: tag 'latest' is reserved.*drop it from extraTags/);
  });

  test('fails if an extra tag is listed twice', () => {
    expect(add({ policy: manylinux_2_28, arch: 'x86_64', extraTags: ['stable', 'stable'] }))
      .toThrow(/^manylinux_2_28_x86_64: tag 'stable' is listed twice; drop it from extraTags/);
  });

  test('fails if the same image id is added twice', () => {
    // GIVEN
    const { fleet } = newFleet();
    fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    // THEN
    expect(() => fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64', extraPackages: ['git'] }))
      .toThrow(/^manylinux_2_28_x86_64: image id manylinux_2_28_x86_64 is already in the fleet.*add each policy\/arch pair once/);
  });

  test('fails if addPolicy gets a policy without images', () => {
    expect(() => newFleet().fleet.addPolicy(manylinux_2_36))
      .toThrow(/^manylinux_2_36: policy manylinux_2_36 has no image recipe.*use addImage\(\{ policy, arch, baseImage, toolchain \}\)/);
  });

  test('warns (does not fail) about the x86-64-v2 baseline', () => {
    // GIVEN
    const { fleet } = newFleet();
    // WHEN
    const image = fleet.addImage({ policy: manylinux_2_34, arch: 'x86_64' });
    // THEN
    const warnings = image.node.metadata.filter((m) => m.type === '@cdktf/warn');
    expect(warnings.map((m) => m.data)).toEqual([expect.stringMatching(/^manylinux_2_34_x86_64: AlmaLinux 9 builds its x86_64 packages for x86-64-v2.*pypa\/manylinux#1725/)]);
    const aarch64 = fleet.addImage({ policy: manylinux_2_34, arch: 'aarch64' });
    expect(aarch64.node.metadata.filter((m) => m.type === '@cdktf/warn')).toEqual([]);
  });

  test('accepts a valid custom image (the e2e shape)', () => {
    const image = newFleet().fleet.addImage({
      policy: manylinux_2_36, arch: 'x86_64', baseImage: DEBIAN_12, toolchain: DEBIAN_12_GCC, interpreters: ['cp312-cp312'],
    });
    expect(image.imageId).toBe('manylinux_2_36_x86_64');
    expect(image.spec.interpreters.map((i) => i.interpreter.tag)).toEqual(['cp312-cp312']);
  });
});

describe('configuration validation', () => {
  test('fails if FLEET_REGISTRY has a scheme', () => {
    expect(() => resolveFleetConfig({ env: { FLEET_REGISTRY: 'https://quay.io/pypa' } }))
      .toThrow(/^FLEET_REGISTRY: registry 'https:\/\/quay.io\/pypa' is not a registry host.*give host\[:port\]\[\/namespace\] without a scheme/);
  });

  test('fails if context.fleet.registry has upper-case path letters', () => {
    expect(() => resolveFleetConfig({ context: { registry: 'ghcr.io/MyOrg' } }))
      .toThrow(/^context.fleet.registry: registry 'ghcr.io\/MyOrg' is not a registry host/);
  });

  test('fails if FLEET_GITHUB_REPOSITORY is not owner/name', () => {
    expect(() => resolveFleetConfig({ env: { FLEET_GITHUB_REPOSITORY: 'manylinux-fleet' } }))
      .toThrow(/^FLEET_GITHUB_REPOSITORY: repository 'manylinux-fleet' is not of the form owner\/name; set it like/);
  });

  test('fails if a FLEET_DOCKER_HOST_<ARCH> names no architecture', () => {
    expect(() => resolveFleetConfig({ env: { FLEET_DOCKER_HOST_ARM64: 'ssh://builder' } }))
      .toThrow(/^FLEET_DOCKER_HOST_ARM64: unknown architecture 'arm64' \(allowed: x86_64, i686, aarch64.*name the architecture as in wheel tags, e.g. FLEET_DOCKER_HOST_AARCH64/);
  });

  test('fails if a Docker host has no known scheme', () => {
    expect(() => resolveFleetConfig({ env: { FLEET_DOCKER_HOST_AARCH64: 'builder.example.org:2375' } }))
      .toThrow(/^FLEET_DOCKER_HOST_AARCH64: Docker host 'builder.example.org:2375' is not a Docker engine address \(allowed: unix:\/\/\/path, tcp:\/\/host:port.*e.g. ssh:\/\//);
  });

  test('fails if context.fleet has an unknown key', () => {
    expect(() => resolveFleetConfig({ context: { regsitry: 'quay.io' } }))
      .toThrow(/^context.fleet.regsitry: unknown key 'regsitry' \(allowed: registry, dockerHosts, githubRepository, defaultBranch, backend\); remove it or correct its spelling/);
  });

  test('fails if context.fleet.defaultBranch is not a branch name', () => {
    expect(() => resolveFleetConfig({ context: { defaultBranch: 'main branch' } }))
      .toThrow(/^context.fleet.defaultBranch: branch 'main branch' is not a branch name; give the repository's default branch/);
  });

  test('fails if context.fleet.backend has an unknown shape', () => {
    expect(() => resolveFleetConfig({ context: { backend: { type: 'gcs', bucket: 'b' } } }))
      .toThrow(/^context.fleet.backend: backend \{"type":"gcs","bucket":"b"\} is not a known backend.*use one of these shapes/);
  });

  test('fails if a prop is malformed: props are validated by the same resolver', () => {
    expect(() => resolveFleetConfig({ props: { registry: 'https://ghcr.io' } }))
      .toThrow(/^ImageFleet props.registry: registry 'https:\/\/ghcr.io' is not a registry host/);
    expect(() => resolveFleetConfig({ props: { backend: { type: 'local', dir: 7 } } }))
      .toThrow(/^ImageFleet props.backend: backend \{"type":"local","dir":7\} is not a known backend/);
    expect(() => resolveFleetConfig({ props: { dockerHosts: { arm64: 'ssh://b' } } }))
      .toThrow(/^ImageFleet props.dockerHosts.arm64: unknown architecture 'arm64'/);
    expect(() => resolveFleetConfig({ props: { regsitry: 'quay.io' } }))
      .toThrow(/^ImageFleet props.regsitry: unknown key 'regsitry' \(allowed: registry, dockerHosts/);
    expect(() => resolveFleetConfig({ props: { defaultBranch: 'a..b' } }))
      .toThrow(/^ImageFleet props.defaultBranch: branch 'a..b' is not a branch name/);
  });

  test('props override the environment, which overrides context, which overrides the default', () => {
    const sources = { props: { registry: 'ghcr.io/props' }, context: { registry: 'ghcr.io/context' }, env: { FLEET_REGISTRY: 'ghcr.io/env' } };
    expect(resolveFleetConfig(sources).registry).toBe('ghcr.io/props');
    expect(resolveFleetConfig({ ...sources, props: {} }).registry).toBe('ghcr.io/env');
    expect(resolveFleetConfig({ props: { dockerHosts: { aarch64: 'ssh://p' } }, env: { FLEET_DOCKER_HOST_AARCH64: 'ssh://e' } }).dockerHosts)
      .toEqual({ aarch64: 'ssh://p' });
  });

  test('environment overrides context, context overrides the default', () => {
    expect(resolveFleetConfig({ env: {} }).registry).toBe('localhost:5000');
    expect(resolveFleetConfig({ context: { registry: 'ghcr.io/acme' } }).registry).toBe('ghcr.io/acme');
    expect(resolveFleetConfig({ context: { registry: 'ghcr.io/acme' }, env: { FLEET_REGISTRY: 'quay.io/pypa' } }).registry).toBe('quay.io/pypa');
    expect(resolveFleetConfig({ context: { dockerHosts: { aarch64: 'ssh://a' } }, env: { FLEET_DOCKER_HOST_AARCH64: 'ssh://b' } }).dockerHosts)
      .toEqual({ aarch64: 'ssh://b' });
  });
});

describe('plain-JavaScript callers get the same messages as everyone else', () => {
  // What a JavaScript user can write that TypeScript would refuse.
  const js = (value: unknown) => value as never;

  test('fails if policy is missing', () => {
    expect(() => newFleet().fleet.addImage(js({ arch: 'x86_64' })))
      .toThrow(/^addImage\(arch x86_64\): policy must be a policy record from policies\/, got nothing \(allowed: manylinux1, .*musllinux_1_2\); import the record/);
  });

  test('fails if policy is given by name', () => {
    expect(() => newFleet().fleet.addImage(js({ policy: 'manylinux_2_28', arch: 'x86_64' })))
      .toThrow(/^addImage\(arch x86_64\): policy must be a policy record from policies\/, got 'manylinux_2_28'/);
    expect(() => newFleet().fleet.addPolicy(js('manylinux_2_28')))
      .toThrow(/^addPolicy: policy must be a policy record from policies\/, got 'manylinux_2_28' \(allowed: manylinux2014, /);
  });

  test('fails if baseImage is a reference string instead of a record', () => {
    expect(() => newFleet().fleet.addImage(js({ policy: manylinux_2_36, arch: 'x86_64', baseImage: 'debian:12', toolchain: DEBIAN_12_GCC })))
      .toThrow(/^manylinux_2_36_x86_64: baseImage must be a base image record from policies\/base-images.ts, got the reference 'debian:12'; .*\{ \.\.\.DEBIAN_12, references: \{ x86_64: 'debian:12' \} \}/);
  });

  test('fails if arch, extraPackages, interpreters or allowEndOfLife have the wrong type', () => {
    const add = (options: object) => () => newFleet().fleet.addImage(js({ policy: manylinux_2_28, arch: 'x86_64', ...options }));
    expect(add({ arch: 64 })).toThrow(/^manylinux_2_28_<arch>: arch must be a string, got 64 \(allowed: x86_64, i686/);
    expect(add({ extraPackages: 'git' })).toThrow(/^manylinux_2_28_x86_64: extraPackages must be an array of strings, got 'git'; list package names/);
    expect(add({ interpreters: 'cp312-cp312' })).toThrow(/^manylinux_2_28_x86_64: interpreters must be an array of strings or records, got 'cp312-cp312'/);
    expect(add({ allowEndOfLife: 'yes' })).toThrow(/^manylinux_2_28_x86_64: allowEndOfLife must be true or false, got 'yes'/);
    expect(add({ sourceMirrors: { zstd: 1 } })).toThrow(/^manylinux_2_28_x86_64: sourceMirrors must be an object of string values/);
  });

  test('fails if a derived image has no name or a parent that is not a fleet image', () => {
    const { fleet } = newFleet();
    const parent = fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    expect(() => fleet.addDerivedImage(parent, js({ extraPackages: ['git'] })))
      .toThrow(/^manylinux_2_28_x86_64-undefined: name must be a string, got nothing; name it like 'acme'/);
    expect(() => fleet.addDerivedImage(js({ imageId: 'x' }), { name: 'acme', extraPackages: ['git'] }))
      .toThrow(/^addDerivedImage: parent must be an image this fleet returned from addImage or addPolicy/);
  });

  test('fails if the fleet props are not an object', () => {
    expect(() => newFleet(js('quay.io/pypa'))).toThrow(/^ImageFleet props: expected an object, got 'quay.io\/pypa'/);
  });
});
