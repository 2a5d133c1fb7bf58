import type { NativeSource } from '../../policies';
import { crossStages } from './cross-stages';
import type { Instruction, Stage } from './dockerfile-model';
import type { ImageSpec } from './image-spec';
import { LAYOUT, cpythonPrefix, sharedCpythonPrefix } from './layout';
import { SBOM_ARGS, SBOM_LABEL } from './sbom';

/**
 * The archive holding a derived image's scripts and data files. One file instead of dozens:
 * synth time of large fleets is dominated by per-file work on disk, and Docker's ADD unpacks a
 * local tar archive by itself.
 */
export const BUILD_ARCHIVE = 'build.tar';

/**
 * The archive a fleet image's stage unpacks into the build folder: only the scripts that stage
 * runs and the data they read (stage-files.ts), so a change reaches the stages it concerns and
 * no other (their build cache keys, and their cache images' tags, stay).
 */
export function stageArchive(stage: string): string {
  return `stages/${stage}.tar`;
}

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
    [SBOM_LABEL, LAYOUT.SBOM],
  ];
}

// Through the entrypoint, so 32-bit images build under linux32 on a 64-bit kernel too.
const script = (name: string, ...args: string[]): Instruction =>
  ({ kind: 'run', argv: ['manylinux-entrypoint', 'bash', `${LAYOUT.BUILD_DIR}/${name}`, ...args] });
/** The stage that builds a native source, CPython or shared CPython: `build_<name>` (`build_cp312_cp312`). */
export const buildStageName = (name: string) => `build_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
/** The stage of a shared CPython X.Y. */
export const sharedStageName = (version: string) => buildStageName(`shared_${version}`);
/** The build arguments write-sbom.py completes the SBOM with (sbom.ts). */
const sbomArgs: Instruction = { kind: 'arg', names: [SBOM_ARGS.name, SBOM_ARGS.namespace, SBOM_ARGS.version] };
/** The stages every image has. */
export const RUNTIME_BASE_STAGE = 'runtime_base';
export const BUILD_BASE_STAGE = 'build_base';
export const CPYTHON_BASE_STAGE = 'build_cpython';
export const IMAGE_STAGE = 'image';
const unpack = (stage: string): Instruction => ({ kind: 'add', source: stageArchive(stage), dest: `${LAYOUT.BUILD_DIR}/` });
/** A compile stage's script, run by record-build.sh, which writes the stage's build record. */
const recorded = (stage: string, name: string, ...args: string[]): Instruction[] =>
  [unpack(stage), script('record-build.sh', stage, name, ...args)];
/** A CPython stage's build record, for the final image. */
const copyRecord = (stage: string): Instruction =>
  ({ kind: 'copy', from: stage, sources: [`${LAYOUT.BUILD_RECORDS}/${stage}.txt`], dest: `${LAYOUT.BUILD_RECORDS}/` });
/** A native build's runtime files, for the final image. */
const copyRootfs = (name: string): Instruction => ({ kind: 'copy', from: buildStageName(name), sources: [`${LAYOUT.ROOTFS}/`], dest: '/' });
/** A native build's files with headers and pkg-config links, for later build stages. */
const copyBuildfs = (name: string): Instruction => ({ kind: 'copy', from: buildStageName(name), sources: [`${LAYOUT.BUILDFS}/`], dest: '/' });

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
 * assembled on the runtime base from their outputs. Each stage unpacks its own archive
 * (stageArchive) just before the step that reads it. Only the syntax of the engine's built-in
 * Dockerfile frontend is used.
 */
export function dockerfileStages(spec: ImageSpec): Stage[] {
  const from = spec.baseDigest ? `${spec.baseReference}@${spec.baseDigest}` : spec.baseReference;
  const natives = orderNativeBuilds(spec.nativeBuilds);
  const cpythons = spec.interpreters.filter(({ interpreter }) => interpreter.implementation === 'cpython');
  const cpythonDirs = cpythons.map(({ interpreter }) => cpythonPrefix(interpreter));

  // Native builds hand their build records over with their runtime files (record-build.sh).
  const cpythonStages = [...cpythons.map(({ interpreter }) => buildStageName(interpreter.tag)), ...spec.sharedCpython.map(sharedStageName)];
  const stages: Stage[] = [
    {
      name: RUNTIME_BASE_STAGE,
      from,
      instructions: [
        { kind: 'env', vars: environmentContract(spec) },
        unpack(RUNTIME_BASE_STAGE),
        { kind: 'run', argv: ['/bin/sh', `${LAYOUT.BUILD_DIR}/install-entrypoint.sh`] },
        { kind: 'entrypoint', argv: ['manylinux-entrypoint'] },
        script('setup-repositories.sh'),
        script('install-runtime-packages.sh'),
      ],
    },
    { name: BUILD_BASE_STAGE, from: RUNTIME_BASE_STAGE, instructions: [unpack(BUILD_BASE_STAGE), script('install-build-packages.sh')] },
    ...natives.map((native): Stage => ({
      name: buildStageName(native.name),
      from: BUILD_BASE_STAGE,
      instructions: [
        ...(native.needs ?? []).filter((need) => natives.some((n) => n.name === need)).map(copyBuildfs),
        ...recorded(buildStageName(native.name), `build-${native.name}.sh`),
      ],
    })),
    {
      name: CPYTHON_BASE_STAGE,
      from: BUILD_BASE_STAGE,
      instructions: [
        ...natives.filter((native) => native.cpythonDependency).map((native) => copyBuildfs(native.name)),
        unpack(CPYTHON_BASE_STAGE),
        script('prepare-cpython-build.sh'),
      ],
    },
    // Cross-compiled on the build machine where the data says so (cross-stages.ts), else in the image's own root.
    ...(spec.cross
      ? crossStages(spec.cross, CPYTHON_BASE_STAGE, cpythons.map(({ interpreter: { tag, version } }) => ({ tag, version })), buildStageName, unpack)
      : cpythons.map(({ interpreter }): Stage => ({
        name: buildStageName(interpreter.tag),
        from: CPYTHON_BASE_STAGE,
        instructions: recorded(buildStageName(interpreter.tag), 'build-cpython.sh', interpreter.tag),
      }))),
    ...spec.sharedCpython.map((version): Stage => ({
      name: sharedStageName(version),
      from: CPYTHON_BASE_STAGE,
      instructions: recorded(sharedStageName(version), 'build-shared-cpython.sh', version),
    })),
    {
      name: IMAGE_STAGE,
      from: RUNTIME_BASE_STAGE,
      instructions: [
        ...natives.map((native) => copyRootfs(native.name)),
        ...cpythons.map(({ interpreter }, index): Instruction =>
          ({ kind: 'copy', from: buildStageName(interpreter.tag), sources: [cpythonDirs[index]], dest: cpythonDirs[index] })),
        ...spec.sharedCpython.map((version): Instruction =>
          ({ kind: 'copy', from: sharedStageName(version), sources: [sharedCpythonPrefix(version)], dest: sharedCpythonPrefix(version) })),
        ...cpythonStages.map(copyRecord),
        // Values only the build knows (the spec hash covers the context): finalize.sh completes the SBOM with them.
        sbomArgs,
        // After the copies: a change to the image's data (tools, lock files) leaves them cached.
        unpack(IMAGE_STAGE),
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
      sbomArgs,
      { kind: 'add', source: BUILD_ARCHIVE, dest: `${LAYOUT.BUILD_DIR}/` },
      script('install-derived-packages.sh'),
      { kind: 'label', labels: [['org.opencontainers.image.title', input.id], ['org.opencontainers.image.base.name', input.from]] },
    ],
  }];
}
