import { execFileSync } from 'child_process';
import { validate } from 'dockerfile-utils';
import { renderDockerfile, renderImageContext } from '../constructs';
import type { ImageFleet, ImageSpec } from '../constructs';
import { CPYTHON_3_9_DEBIAN, CPYTHON_3_11_DEBIAN, e2eArmv7lImageOptions } from '../e2e/fleet';
import { DEBIAN_11, DEBIAN_11_GCC, manylinux2014, manylinux_2_28, manylinux_2_31 } from '../policies';
import { newFleet } from './helpers/fleet';
import { dataFiles, spec } from './helpers/spec';

const X86_BASE = 'registry.example/debian:bullseye';
const ARMHF_BASE = 'registry.example/armhf/debian:bullseye';

/** The e2e suite's armv7l image as this machine (x86_64) builds it. */
const armv7l = (extra: Record<string, unknown> = {}): ImageSpec => spec(manylinux_2_31, 'armv7l', {
  buildArch: 'x86_64',
  baseImage: { ...DEBIAN_11, references: { x86_64: X86_BASE, armv7l: ARMHF_BASE } },
  toolchain: DEBIAN_11_GCC, interpreters: [CPYTHON_3_9_DEBIAN, CPYTHON_3_11_DEBIAN], toolsPython: '3.11', nativeBuilds: [],
  ...extra,
});

/** The stages of a Dockerfile: name → its FROM line and the lines after it. */
function stages(text: string): Map<string, { from: string; body: string[] }> {
  const result = new Map<string, { from: string; body: string[] }>();
  let current: string[] = [];
  for (const line of text.split('\n')) {
    const from = /^FROM (.+) AS (\S+)$/.exec(line);
    if (from) {
      current = [];
      result.set(from[2], { from: from[1], body: current });
    } else if (line !== '') {
      current.push(line);
    }
  }
  return result;
}

const archiveFiles = (files: ReturnType<typeof renderImageContext>, stage: string): string[] => {
  const archive = files.find((file) => file.path === `stages/${stage}.tar`)!;
  return execFileSync('tar', ['-t'], { input: archive.content }).toString().split('\n').filter(Boolean).sort();
};

describe('cross stages', () => {
  test('an emulated Debian-family image compiles its CPythons on the build machine against its own build root', () => {
    const s = armv7l();
    expect(s).toMatchObject({ buildArch: 'x86_64', emulated: true, cross: { toolchain: { name: 'debian-gcc-cross' }, hostReference: X86_BASE, hostPlatform: 'linux/amd64' } });
    const text = renderDockerfile(s);
    const byName = stages(text);
    expect([...byName.keys()]).toEqual(['runtime_base', 'build_base', 'build_cpython', 'cross_host', 'cross_sysroot',
      'host_python_3_9_2', 'host_python_3_11_2', 'build_cp39_cp39', 'build_cp311_cp311', 'image']);
    expect(byName.get('runtime_base')!.from).toBe(ARMHF_BASE);
    expect(byName.get('cross_host')!.from).toBe(`--platform=linux/amd64 ${X86_BASE}`);
    expect(byName.get('cross_sysroot')!.body[0]).toBe('COPY --from=build_cpython / /opt/_internal/sysroot/');
    expect(byName.get('build_cp311_cp311')).toEqual({
      from: 'cross_sysroot',
      body: [
        'COPY --from=host_python_3_11_2 /opt/_internal/host-python-3.11.2 /opt/_internal/host-python-3.11.2',
        'ADD stages/build_cp311_cp311.tar /opt/_internal/build/',
        'RUN ["bash","/opt/_internal/build/record-build.sh","build_cp311_cp311","build-cpython.sh","cp311-cp311"]',
      ],
    });
    // The final stage copies the same prefixes as from emulated stages: only the stages before it differ.
    const emulated = stages(renderDockerfile(armv7l({ crossCompile: false })));
    expect(byName.get('image')).toEqual(emulated.get('image'));
    expect(emulated.get('build_cp311_cp311')!.from).toBe('build_cpython');
    expect([...emulated.keys()].filter((name) => /cross|host_python/.test(name))).toEqual([]);
    expect(validate(text).filter((d) => d.severity === 1)).toEqual([]);
  });

  test('cross.env and the build machine\'s package list are data of cross images only', () => {
    const files = dataFiles(armv7l());
    expect(files['cross.env']).toContain('CROSS_KIND=gcc\nCROSS_TRIPLE=arm-linux-gnueabihf\nCROSS_LIBDIR=usr/lib/arm-linux-gnueabihf\n');
    expect(files['cross.env']).toContain('SYSROOT=/opt/_internal/sysroot\n');
    expect(files['packages/cross-host.txt'].split('\n')).toEqual(expect.arrayContaining(['make', 'gcc', 'pkg-config', 'gcc-arm-linux-gnueabihf']));
    const native = dataFiles(armv7l({ crossCompile: false }));
    expect(Object.keys(native).filter((path) => /cross/.test(path))).toEqual([]);
    expect(Object.keys(dataFiles(spec(manylinux_2_28, 'x86_64'))).filter((path) => /cross/.test(path))).toEqual([]);
  });

  test('each cross stage unpacks the scripts it runs and the data they read', () => {
    const files = renderImageContext(armv7l(), 'localhost:5000');
    expect(archiveFiles(files, 'cross_host')).toEqual(['cross-lib.sh', 'cross.env', 'image.env', 'install-cross-host.sh', 'lib.sh', 'packages/cross-host.txt']);
    expect(archiveFiles(files, 'cross_sysroot')).toEqual(['cross-lib.sh', 'lib.sh', 'prepare-sysroot.sh', 'sources.tsv']);
    expect(archiveFiles(files, 'host_python_3_9_2')).toEqual(['build-host-python.sh', 'cpython-lib.sh', 'cross-lib.sh', 'interpreters.tsv', 'lib.sh', 'record-build.sh']);
    expect(archiveFiles(files, 'build_cp39_cp39')).toEqual(['build-cpython.sh', 'cpython-lib.sh', 'cross-lib.sh', 'interpreters.tsv', 'lib.sh', 'record-build.sh']);
  });

  test('the final stage copies a cross stage\'s image through a stage of the build machine\'s platform', () => {
    const dockerfile = String(renderImageContext(armv7l(), 'localhost:5000').find((file) => file.path === 'Dockerfile')!.content);
    const byName = stages(dockerfile);
    const alias = byName.get('build_cp311_cp311-image')!;
    expect(alias.from).toMatch(/^--platform=linux\/amd64 localhost:5000\/manylinux-fleet-cache:manylinux_2_31_armv7l\.build_cp311_cp311\.[0-9a-f]{24}$/);
    expect(alias.body).toEqual([]);
    expect(byName.get('image')!.body).toContain('COPY --from=build_cp311_cp311-image /opt/_internal/cpython-3.11.2 /opt/_internal/cpython-3.11.2');
    // A cross stage built on a stage image names the build machine's platform on its FROM
    expect(byName.get('build_cp311_cp311')!.from).toMatch(/^--platform=linux\/amd64 localhost:5000\/manylinux-fleet-cache:manylinux_2_31_armv7l\.cross_sysroot\.[0-9a-f]{24}$/);
    expect(byName.get('build_cp311_cp311')!.body).toContain('COPY --from=host_python_3_11_2-image /opt/_internal/host-python-3.11.2 /opt/_internal/host-python-3.11.2');
    // and the sysroot copies the target's CPython build root by reference, for the image's platform
    expect(byName.get('cross_sysroot')!.body[0]).toMatch(/^COPY --from=localhost:5000\/manylinux-fleet-cache:manylinux_2_31_armv7l\.build_cpython\.[0-9a-f]{24} \/ \/opt\/_internal\/sysroot\/$/);
    // The runtime base is the image's own platform: named by its reference directly.
    expect(byName.get('image')!.from).toMatch(/^localhost:5000\/manylinux-fleet-cache:manylinux_2_31_armv7l\.runtime_base\.[0-9a-f]{24}$/);
    expect(validate(dockerfile).filter((d) => d.severity === 1)).toEqual([]);
  });

  test('the RHEL design: a static clang copied in from its image of the build machine\'s platform (opt-in)', () => {
    expect(spec(manylinux_2_28, 'ppc64le').cross).toBeNull();
    const s = spec(manylinux_2_28, 'ppc64le', { crossCompile: true });
    const byName = stages(renderDockerfile(s));
    expect(byName.get('cross_compiler')).toEqual({ from: '--platform=linux/amd64 ghcr.io/mayeut/static-clang:22.1.8.1', body: [] });
    expect(byName.get('cross_host')!.from).toBe('--platform=linux/amd64 quay.io/almalinuxorg/almalinux:8');
    expect(byName.get('cross_host')!.body).toContain('COPY --from=cross_compiler /opt/clang/ /opt/clang/');
    expect(dataFiles(s)['cross.env']).toContain('CROSS_KIND=clang\nCROSS_TRIPLE=powerpc64le-unknown-linux-gnu\nCROSS_LIBDIR=usr/lib64\n');
    expect(validate(renderDockerfile(s)).filter((d) => d.severity === 1)).toEqual([]);
  });

  test('where the image is built decides the runner, emulation and the cross host in the fleet model', () => {
    const model = (options: Parameters<ImageFleet['addImage']>[0]) => {
      const { fleet } = newFleet({ registry: 'localhost:5000' });
      fleet.addImage(options);
      const [{ runner, emulated, crossHost }] = fleet.model.images;
      return { runner, emulated, crossHost };
    };
    expect(model({ policy: manylinux_2_31, arch: 'armv7l' })).toEqual({ runner: 'ubuntu-24.04-arm', emulated: false, crossHost: null });
    expect(model(e2eArmv7lImageOptions({ registry: 'registry.example' }))).toEqual({
      runner: 'ubuntu-24.04', emulated: true,
      crossHost: { image: 'registry.example/fleet-e2e/debian:bullseye', digest: null, arch: 'x86_64', platform: 'linux/amd64' },
    });
    expect(model({ policy: manylinux_2_28, arch: 'ppc64le' })).toEqual({ runner: 'ubuntu-24.04', emulated: true, crossHost: null });
  });

  test('crossHostDigest pins the cross host: its FROM and the fleet model name the digest', () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    expect(stages(renderDockerfile(armv7l({ crossHostDigest: digest }))).get('cross_host')!.from).toBe(`--platform=linux/amd64 ${X86_BASE}@${digest}`);
    const { fleet } = newFleet({ registry: 'localhost:5000' });
    fleet.addImage(e2eArmv7lImageOptions({ registry: 'registry.example', crossHostDigest: digest }));
    expect(fleet.model.images[0].crossHost?.digest).toBe(digest);
  });
});

describe('cross stage errors', () => {
  test('crossCompile on a build that is not emulated', () => {
    expect(() => spec(manylinux_2_28, 'x86_64', { crossCompile: true }))
      .toThrow(/^manylinux_2_28_x86_64: crossCompile is set, but a x86_64 machine builds x86_64 natively \(buildArch 'x86_64'\); leave crossCompile out/);
    expect(() => spec(manylinux_2_31, 'armv7l', { crossCompile: true }))
      .toThrow(/^manylinux_2_31_armv7l: crossCompile is set, but a aarch64 machine builds armv7l natively/);
  });

  test('crossCompile where no cross toolchain targets the base and arch', () => {
    expect(() => spec(manylinux2014, 's390x', { crossCompile: true }))
      .toThrow(/^manylinux2014_s390x: no cross toolchain compiles for s390x on base centos-7 \(allowed: .*almalinux-8 s390x \(rhel-clang-cross\).*\); leave crossCompile out/);
  });

  test('a base without a reference for the build machine', () => {
    expect(() => armv7l({ baseImage: { ...DEBIAN_11, references: { armv7l: ARMHF_BASE } } }))
      .toThrow(/^manylinux_2_31_armv7l: cross-compiling on x86_64 needs base image debian-11 for x86_64, which has no reference \(allowed: armv7l\); add references\.x86_64/);
  });

  test('crossHostDigest: on an image that cross-compiles nothing, malformed, or not a string', () => {
    expect(() => armv7l({ crossCompile: false, crossHostDigest: `sha256:${'a'.repeat(64)}` }))
      .toThrow(/^manylinux_2_31_armv7l: crossHostDigest 'sha256:a{64}' is set, but the image cross-compiles nothing: crossCompile is false; leave crossHostDigest out, or set crossCompile: true/);
    expect(() => spec(manylinux_2_28, 'x86_64', { crossHostDigest: `sha256:${'a'.repeat(64)}` }))
      .toThrow(/^manylinux_2_28_x86_64: crossHostDigest .* the image cross-compiles nothing: the x86_64 build machine runs x86_64 natively; leave crossHostDigest out/);
    expect(() => spec(manylinux_2_28, 'ppc64le', { crossHostDigest: `sha256:${'a'.repeat(64)}` }))
      .toThrow(/^manylinux_2_28_ppc64le: crossHostDigest .* cross-compiles nothing: no cross toolchain for ppc64le on base almalinux-8 is on by default; leave crossHostDigest out, or set crossCompile: true/);
    expect(() => armv7l({ crossHostDigest: 'sha256:abc' })).toThrow(/^manylinux_2_31_armv7l: crossHostDigest 'sha256:abc' is malformed; give sha256: followed by 64/);
    expect(() => armv7l({ crossHostDigest: 7 })).toThrow(/^manylinux_2_31_armv7l: crossHostDigest must be a string/);
  });

  test('bad buildArch and crossCompile values, also from plain JavaScript', () => {
    expect(() => armv7l({ buildArch: 'amd64' }))
      .toThrow(/^manylinux_2_31_armv7l: buildArch 'amd64' is not an architecture \(allowed: x86_64, i686, aarch64, .*\); name the build machine's arch/);
    expect(() => armv7l({ buildArch: 64 })).toThrow(/^manylinux_2_31_armv7l: buildArch must be a string/);
    expect(() => armv7l({ crossCompile: 'yes' })).toThrow(/^manylinux_2_31_armv7l: crossCompile must be true or false, got 'yes'; pass crossCompile: true or false/);
  });
});
