import { validate } from 'dockerfile-utils';
import { App, environmentContract, orderNativeBuilds, renderDockerfile } from '../constructs';
import { defineFleet } from '../main';
import { GIT, NATIVE_SOURCES, PUBLISHED_POLICIES, policyArches, manylinux2014, manylinux_2_28, manylinux_2_31, manylinux_2_34, musllinux_1_2 } from '../policies';
import { tempDir } from './helpers/fleet';
import { spec } from './helpers/spec';

const stageNames = (text: string) => [...text.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);

describe('renderDockerfile', () => {
  test('starts FROM the policy base image for the arch', () => {
    expect(renderDockerfile(spec(manylinux_2_28, 'aarch64'))).toMatch(/^FROM quay\.io\/almalinux\w*\/almalinux:8 AS runtime_base$/m);
    expect(renderDockerfile(spec(musllinux_1_2, 'riscv64'))).toMatch(/^FROM alpine:3\.22 AS runtime_base$/m);
  });

  test('pins the base by digest when one is given', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(renderDockerfile(spec(manylinux_2_28, 'x86_64', { baseDigest: digest })))
      .toMatch(new RegExp(`^FROM quay\\.io/almalinuxorg/almalinux:8@${digest} AS runtime_base$`, 'm'));
  });

  test('sets the environment contract', () => {
    const text = renderDockerfile(spec(manylinux_2_28, 'x86_64'));
    expect(text).toContain('AUDITWHEEL_POLICY="manylinux_2_28"');
    expect(text).toContain('AUDITWHEEL_ARCH="x86_64"');
    expect(text).toContain('AUDITWHEEL_PLAT="manylinux_2_28_x86_64"');
    expect(text).toContain('LC_ALL="en_US.UTF-8"');
    expect(text).toContain('PKG_CONFIG_PATH="/usr/local/lib/pkgconfig"');
    expect(text).toContain('PATH="/opt/rh/gcc-toolset-14/root/usr/bin:${PATH}"');
  });

  test('LD_LIBRARY_PATH follows the toolchain, with the 32-bit directories on i686', () => {
    const env = (s: ReturnType<typeof spec>) => Object.fromEntries(environmentContract(s));
    expect(env(spec(manylinux2014, 'x86_64')).LD_LIBRARY_PATH).toBe(
      '/opt/rh/devtoolset-10/root/usr/lib64:/opt/rh/devtoolset-10/root/usr/lib:/opt/rh/devtoolset-10/root/usr/lib64/dyninst:/opt/rh/devtoolset-10/root/usr/lib/dyninst:/usr/local/lib64');
    expect(env(spec(manylinux2014, 'i686')).LD_LIBRARY_PATH).toBe(
      '/opt/rh/devtoolset-10/root/usr/lib:/opt/rh/devtoolset-10/root/usr/lib/dyninst');
    expect(env(spec(manylinux_2_31, 'armv7l'))).toMatchObject({ LD_LIBRARY_PATH: '', DEVTOOLSET_ROOTPATH: '', PATH: '${PATH}' });
  });

  test('puts /usr/local/bin first where the x86-64 gcc wrapper must win', () => {
    const env = (arch: string) => Object.fromEntries(environmentContract(spec(manylinux_2_34, arch)));
    expect(env('x86_64').PATH).toBe('/usr/local/bin:/opt/rh/gcc-toolset-14/root/usr/bin:${PATH}');
    expect(env('aarch64').PATH).toBe('/opt/rh/gcc-toolset-14/root/usr/bin:${PATH}');
  });

  test('installs the entrypoint first and ends with labels and CMD', () => {
    const text = renderDockerfile(spec(musllinux_1_2, 'armv7l'));
    expect(text).toContain('ADD stages/runtime_base.tar /opt/_internal/build/\nRUN ["/bin/sh","/opt/_internal/build/install-entrypoint.sh"]\nENTRYPOINT ["manylinux-entrypoint"]');
    expect(text).toContain('ENTRYPOINT ["manylinux-entrypoint"]');
    expect(text).toContain('org.opencontainers.image.title="musllinux_1_2_armv7l"');
    expect(text).toContain('org.opencontainers.image.base.name="alpine:3.22"');
    expect(text.trimEnd().split('\n').pop()).toBe('CMD ["/bin/bash"]');
  });

  test('uses only the syntax of the engine\'s built-in frontend (no # syntax= line, no --chmod, --mount or heredoc)', () => {
    const text = renderDockerfile(spec(manylinux2014, 's390x'));
    expect(text).not.toMatch(/# syntax=|--chmod|--mount|<</);
  });

  test('every image of the fleet lints with 0 errors (dockerfile-utils)', () => {
    const fleet = defineFleet(new App({ outdir: tempDir('lint-') }));
    for (const image of fleet.images) {
      const text = image.contextFiles.find((file) => file.path === 'Dockerfile')!.content as string;
      const errors = validate(text).filter((d) => d.severity === 1);
      expect([image.imageId, errors.map((e) => `${e.range.start.line + 1}: ${e.message}`)]).toEqual([image.imageId, []]);
    }
    expect(fleet.images.map((i) => i.imageId)).toEqual(PUBLISHED_POLICIES.flatMap((p) => policyArches(p).map((a) => `${p.publishedName}_${a}`)).sort());
  });

  test('one build stage per CPython and per native dependency, native stages only where the data says', () => {
    const stages2014 = stageNames(renderDockerfile(spec(manylinux2014, 'x86_64')));
    expect(stages2014).toEqual(['runtime_base', 'build_base', 'build_autoconf', 'build_automake', 'build_libtool', 'build_sqlite3', 'build_mpdecimal', 'build_zstd', 'build_openssl',
      'build_curl', 'build_git', 'build_libxcrypt', 'build_tcl', 'build_tk', 'build_cpython',
      'build_cp39_cp39', 'build_cp310_cp310', 'build_cp311_cp311', 'build_cp312_cp312', 'build_cp313_cp313',
      'build_cp314_cp314', 'build_cp314_cp314t', 'build_cp315_cp315', 'build_cp315_cp315t', 'image']);
    const stages228 = stageNames(renderDockerfile(spec(manylinux_2_28, 'x86_64')));
    expect(stages228).not.toContain('build_openssl');
    expect(stages228.filter((name) => /^build_cp\d/.test(name))).toHaveLength(9);
  });

  test('stages copy exactly what they need: build stages the build files (BUILDFS), the image the runtime files (ROOTFS)', () => {
    const text = renderDockerfile(spec(manylinux2014, 'x86_64'));
    const stage = (name: string) => text.split('\n\n').find((block) => block.startsWith(`FROM build_base AS ${name}`) || block.includes(`AS ${name}\n`))!;
    // git gets OpenSSL and curl; automake the autoconf built before it; CPython the libraries it links
    expect(stage('build_git')).toContain('COPY --from=build_openssl /manylinux-buildfs/ /\nCOPY --from=build_curl /manylinux-buildfs/ /');
    expect(stage('build_automake')).toContain('COPY --from=build_autoconf /manylinux-buildfs/ /');
    expect(stage('build_cpython')).toContain('COPY --from=build_tk /manylinux-buildfs/ /');
    expect(stage('build_cpython')).not.toContain('build_git');
    expect(stage('build_cpython')).not.toContain('build_autoconf');
    expect(stage('build_cpython')).not.toContain('/manylinux-rootfs/');
    expect(stage('image')).toContain('COPY --from=build_git /manylinux-rootfs/ /');
    expect(stage('image')).toContain('COPY --from=build_libtool /manylinux-rootfs/ /');
    expect(stage('image')).not.toContain('/manylinux-buildfs/');
    expect(stage('image')).toContain('COPY --from=build_cp314_cp314t /opt/_internal/cpython-3.14.6-nogil /opt/_internal/cpython-3.14.6-nogil');
    const order = orderNativeBuilds([GIT, ...NATIVE_SOURCES.filter((s) => s !== GIT)]).map((s) => s.name);
    expect(order.slice(0, 3)).toEqual(['openssl', 'curl', 'git']);
    expect(order).toHaveLength(NATIVE_SOURCES.length);
  });

  test('the runtime base sets up the repositories, then installs the packages (the install plan)', () => {
    for (const text of [renderDockerfile(spec(manylinux2014, 'aarch64')), renderDockerfile(spec(manylinux_2_28, 'aarch64'))]) {
      const runtime = text.split('\n\n').find((block) => block.includes(' AS runtime_base'))!;
      const runs = runtime.split('\n').filter((line) => line.startsWith('RUN ')).map((line) => JSON.parse(line.slice(4)).at(-1));
      expect(runs).toEqual(['/opt/_internal/build/install-entrypoint.sh', '/opt/_internal/build/setup-repositories.sh', '/opt/_internal/build/install-runtime-packages.sh']);
    }
  });

  test('sharedCpython adds an --enable-shared build stage and its copy into the image', () => {
    const text = renderDockerfile(spec(manylinux_2_28, 'x86_64', { sharedCpython: ['3.13'] }));
    expect(text).toContain('FROM build_cpython AS build_shared_3_13\nADD stages/build_shared_3_13.tar /opt/_internal/build/\n'
      + 'RUN ["manylinux-entrypoint","bash","/opt/_internal/build/record-build.sh","build_shared_3_13","build-shared-cpython.sh","3.13"]');
    expect(text).toContain('COPY --from=build_shared_3_13 /opt/shared-cpython-3.13 /opt/shared-cpython-3.13');
    expect(text).toContain('COPY --from=build_shared_3_13 /opt/_internal/build-records/build_shared_3_13.txt /opt/_internal/build-records/');
    expect(renderDockerfile(spec(manylinux_2_28, 'x86_64'))).not.toContain('shared');
  });

  test('each stage unpacks its own archive just before the step that reads it; compile steps write a build record', () => {
    const stages = renderDockerfile(spec(manylinux_2_28, 'x86_64')).split('\n\n').slice(1);
    for (const stage of stages) {
      const name = / AS (\S+)$/m.exec(stage)![1];
      const lines = stage.split('\n');
      const add = lines.findIndex((line) => line.startsWith('ADD '));
      // one archive per stage, named by it, followed by a RUN
      expect([name, lines.filter((line) => line.startsWith('ADD '))]).toEqual([name, [`ADD stages/${name}.tar /opt/_internal/build/`]]);
      expect([name, lines[add + 1].startsWith('RUN ')]).toEqual([name, true]);
    }
    const cp312 = stages.find((stage) => stage.startsWith('FROM build_cpython AS build_cp312_cp312'))!;
    expect(cp312).toContain('RUN ["manylinux-entrypoint","bash","/opt/_internal/build/record-build.sh","build_cp312_cp312","build-cpython.sh","cp312-cp312"]');
    // the final image copies the built files first, then unpacks its data: a data change leaves the copies cached
    const image = stages.at(-1)!.split('\n');
    expect(image.findIndex((line) => line.startsWith('ADD '))).toBe(image.findIndex((line) => line.includes('finalize.sh')) - 1);
    expect(image.filter((line) => line.startsWith('COPY ')).length).toBeGreaterThan(10);
  });

  test('build steps run through the entrypoint (linux32 for 32-bit images)', () => {
    const runs = renderDockerfile(spec(manylinux_2_28, 'i686')).split('\n').filter((line) => line.startsWith('RUN '));
    expect(runs[0]).toBe('RUN ["/bin/sh","/opt/_internal/build/install-entrypoint.sh"]');
    expect(runs.slice(1).every((line) => line.startsWith('RUN ["manylinux-entrypoint","bash",'))).toBe(true);
  });
});
