import type { NativeSource } from '../../policies';
import type { Instruction, Stage } from './dockerfile-model';
import type { ImageSpec } from './image-spec';
import { LAYOUT, cpythonPrefix, sharedCpythonPrefix } from './layout';

/**
 * The archive holding the scripts and the data files they read. One file instead of dozens:
 * synth time of large fleets is dominated by per-file work on disk, and Docker's ADD unpacks a
 * local tar archive by itself.
 */
export const BUILD_ARCHIVE = 'build.tar';

/**
 * The environment contract every image honours (cibuildwheel and users rely on it):
 * AUDITWHEEL_*, locale, DEVTOOLSET_ROOTPATH, LD_LIBRARY_PATH, PATH, PKG_CONFIG_PATH.
 */
export function environmentContract(spec: ImageSpec): [string, string][] {
  const root = spec.toolchain.rootPath;
  const prepend = [
    // The x86-64 gcc wrapper lives in the bin folder and must win over the toolset's gcc.
    ...(spec.gccWrapper ? [LAYOUT.BIN_DIR] : []),
    ...(root ? [`${root}/usr/bin`] : []),
  ];
  return [
    ['AUDITWHEEL_POLICY', spec.policy.publishedName],
    ['AUDITWHEEL_ARCH', spec.arch],
    ['AUDITWHEEL_PLAT', `${spec.policy.publishedName}_${spec.arch}`],
    ['LC_ALL', 'en_US.UTF-8'],
    ['LANG', 'en_US.UTF-8'],
    ['LANGUAGE', 'en_US.UTF-8'],
    ['DEVTOOLSET_ROOTPATH', root],
    ['LD_LIBRARY_PATH', spec.libDirs.join(':')],
    ['PATH', `${prepend.map((dir) => `${dir}:`).join('')}\${PATH}`],
    ['PKG_CONFIG_PATH', '/usr/local/lib/pkgconfig'],
  ];
}

/** OCI labels: what the image is, from data only (no dates, so rebuilds stay reproducible). */
export function imageLabels(spec: ImageSpec): [string, string][] {
  const base = spec.baseDigest ? `${spec.baseReference}@${spec.baseDigest}` : spec.baseReference;
  return [
    ['org.opencontainers.image.title', spec.id],
    ['org.opencontainers.image.description', `${spec.policy.publishedName} build image for ${spec.arch}: ${spec.base.distro} ${spec.base.version}, ${spec.toolchain.name} (GCC ${spec.toolchain.gcc})`],
    ['org.opencontainers.image.base.name', base],
    ['io.github.manylinux-fleet.policy', spec.policy.publishedName],
    ['io.github.manylinux-fleet.arch', spec.arch],
  ];
}

// Through the entrypoint, so 32-bit images build under linux32 on a 64-bit kernel too.
const script = (name: string, ...args: string[]): Instruction =>
  ({ kind: 'run', argv: ['manylinux-entrypoint', 'bash', `${LAYOUT.BUILD_DIR}/${name}`, ...args] });
const stageName = (name: string) => `build_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
/** A native build's runtime files, for the final image. */
const copyRootfs = (name: string): Instruction => ({ kind: 'copy', from: stageName(name), sources: [`${LAYOUT.ROOTFS}/`], dest: '/' });
/** A native build's files with headers and pkg-config links, for later build stages. */
const copyBuildfs = (name: string): Instruction => ({ kind: 'copy', from: stageName(name), sources: [`${LAYOUT.BUILDFS}/`], dest: '/' });

/** Native builds ordered so every build comes after those it needs. */
export function orderNativeBuilds(builds: readonly NativeSource[]): NativeSource[] {
  const byName = new Map(builds.map((build) => [build.name, build]));
  const ordered: NativeSource[] = [];
  const visit = (build: NativeSource) => {
    if (ordered.includes(build)) {
      return;
    }
    for (const need of build.needs ?? []) {
      const dependency = byName.get(need);
      if (dependency) {
        visit(dependency);
      }
    }
    ordered.push(build);
  };
  builds.forEach(visit);
  return ordered;
}

/**
 * The stages of an image, as a typed model: a runtime base (packages the image keeps, the
 * environment contract, the entrypoint), a build base (compile-only headers), one stage per
 * native dependency and per CPython (BuildKit builds them in parallel), and the final image
 * assembled on the runtime base from their outputs. Only the classic builder's syntax is used.
 */
export function dockerfileStages(spec: ImageSpec): Stage[] {
  const from = spec.baseDigest ? `${spec.baseReference}@${spec.baseDigest}` : spec.baseReference;
  const natives = orderNativeBuilds(spec.nativeBuilds);
  const cpythons = spec.interpreters.filter(({ interpreter }) => interpreter.implementation === 'cpython');
  const cpythonDirs = cpythons.map(({ interpreter }) => cpythonPrefix(interpreter));

  const stages: Stage[] = [
    {
      name: 'runtime_base',
      from,
      instructions: [
        { kind: 'env', vars: environmentContract(spec) },
        { kind: 'add', source: BUILD_ARCHIVE, dest: `${LAYOUT.BUILD_DIR}/` },
        { kind: 'run', argv: ['/bin/sh', `${LAYOUT.BUILD_DIR}/install-entrypoint.sh`] },
        { kind: 'entrypoint', argv: ['manylinux-entrypoint'] },
        script('setup-repositories.sh'),
        script('install-runtime-packages.sh'),
      ],
    },
    { name: 'build_base', from: 'runtime_base', instructions: [script('install-build-packages.sh')] },
    ...natives.map((native): Stage => ({
      name: stageName(native.name),
      from: 'build_base',
      instructions: [
        ...(native.needs ?? []).filter((need) => natives.some((n) => n.name === need)).map(copyBuildfs),
        script(`build-${native.name}.sh`),
      ],
    })),
    {
      name: 'build_cpython',
      from: 'build_base',
      instructions: [
        ...natives.filter((native) => native.cpythonDependency).map((native) => copyBuildfs(native.name)),
        script('prepare-cpython-build.sh'),
      ],
    },
    ...cpythons.map(({ interpreter }): Stage => ({
      name: stageName(interpreter.tag),
      from: 'build_cpython',
      instructions: [script('build-cpython.sh', interpreter.tag)],
    })),
    ...spec.sharedCpython.map((version): Stage => ({
      name: stageName(`shared_${version}`),
      from: 'build_cpython',
      instructions: [script('build-shared-cpython.sh', version)],
    })),
    {
      name: 'image',
      from: 'runtime_base',
      instructions: [
        ...natives.map((native) => copyRootfs(native.name)),
        ...cpythons.map(({ interpreter }, index): Instruction =>
          ({ kind: 'copy', from: stageName(interpreter.tag), sources: [cpythonDirs[index]], dest: cpythonDirs[index] })),
        ...spec.sharedCpython.map((version): Instruction =>
          ({ kind: 'copy', from: stageName(`shared_${version}`), sources: [sharedCpythonPrefix(version)], dest: sharedCpythonPrefix(version) })),
        script('finalize.sh'),
        {
          kind: 'env',
          vars: [
            ['PIPX_HOME', LAYOUT.PIPX_HOME],
            ['PIPX_BIN_DIR', LAYOUT.BIN_DIR],
            ['PIPX_DISABLE_SHARED_LIBS_AUTO_UPGRADE', '1'],
            ['SSL_CERT_FILE', LAYOUT.CERTS_PEM],
          ],
        },
        { kind: 'workdir', path: '/' },
        { kind: 'label', labels: imageLabels(spec) },
        { kind: 'cmd', argv: ['/bin/bash'] },
      ],
    },
  ];
  return stages;
}

/** What a derived image's Dockerfile is made from. */
export interface DerivedImageInput {
  readonly id: string;
  /** The parent fleet image, by content tag. */
  readonly from: string;
  readonly parentId: string;
}

/** The one stage of a derived image: the parent image plus its extra packages. */
export function derivedStages(input: DerivedImageInput): Stage[] {
  return [{
    name: 'image',
    from: input.from,
    instructions: [
      { kind: 'add', source: BUILD_ARCHIVE, dest: `${LAYOUT.BUILD_DIR}/` },
      script('install-derived-packages.sh'),
      { kind: 'label', labels: [['org.opencontainers.image.title', input.id], ['org.opencontainers.image.base.name', input.from]] },
    ],
  }];
}
