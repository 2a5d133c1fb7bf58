import type { Instruction, Stage } from './dockerfile-model';
import { CROSS_LAYOUT, LAYOUT, hostPythonPrefix } from './layout';
import type { CrossPlan } from './private/cross-checks';

/**
 * Cross stages: the CPython compile stages of an image whose build is emulated, run on the
 * build machine instead. `cross_host` is the same distro release for the build machine's arch
 * with a cross toolchain; `cross_sysroot` adds the target's own CPython build root (packages,
 * headers, native builds) as the compiler's sysroot; one `host_python_<version>` per CPython
 * version builds the build machine's CPython that `make` runs; each `build_<tag>` stage then
 * cross-compiles into the same prefix an emulated stage would, so the final stage copies it
 * the same way.
 */
export const CROSS_HOST_STAGE = 'cross_host';
export const CROSS_COMPILER_STAGE = 'cross_compiler';
export const CROSS_SYSROOT_STAGE = 'cross_sysroot';
/** The stage building the build machine's CPython `version`. */
export const hostPythonStageName = (version: string) => `host_python_${version.replace(/[^A-Za-z0-9]/g, '_')}`;

// Without manylinux-entrypoint: the build machine's root has none, and needs no linux32.
const bash = (script: string, ...args: string[]): Instruction => ({ kind: 'run', argv: ['bash', `${LAYOUT.BUILD_DIR}/${script}`, ...args] });

/**
 * The cross stages of an image: the host, the sysroot (from `sysrootFrom`, the target's
 * CPython build root), a host CPython per version and one stage per CPython tag.
 */
export function crossStages(cross: CrossPlan, sysrootFrom: string, cpythons: readonly { tag: string; version: string }[],
  stageName: (tag: string) => string, unpack: (stage: string) => Instruction): Stage[] {
  // A compile script run by record-build.sh, which writes the stage's build record.
  const recorded = (stage: string, script: string, ...args: string[]): Instruction[] =>
    [unpack(stage), bash('record-build.sh', stage, script, ...args)];
  const from = cross.hostDigest ? `${cross.hostReference}@${cross.hostDigest}` : cross.hostReference;
  const compiler = cross.toolchain.compilerImage;
  const versions = [...new Set(cpythons.map(({ version }) => version))];
  return [
    ...(compiler ? [{ name: CROSS_COMPILER_STAGE, from: compiler, platform: cross.hostPlatform, instructions: [] }] : []),
    {
      name: CROSS_HOST_STAGE,
      from,
      platform: cross.hostPlatform,
      instructions: [
        unpack(CROSS_HOST_STAGE),
        bash('install-cross-host.sh'),
        ...(compiler ? [{ kind: 'copy', from: CROSS_COMPILER_STAGE, sources: [`${CROSS_LAYOUT.CLANG_DIR}/`], dest: `${CROSS_LAYOUT.CLANG_DIR}/` } as Instruction] : []),
      ],
    },
    {
      name: CROSS_SYSROOT_STAGE,
      from: CROSS_HOST_STAGE,
      instructions: [
        { kind: 'copy', from: sysrootFrom, sources: ['/'], dest: `${CROSS_LAYOUT.SYSROOT}/` },
        unpack(CROSS_SYSROOT_STAGE),
        bash('prepare-sysroot.sh'),
      ],
    },
    ...versions.map((version): Stage => ({
      name: hostPythonStageName(version),
      from: CROSS_HOST_STAGE,
      instructions: recorded(hostPythonStageName(version), 'build-host-python.sh', version),
    })),
    ...cpythons.map(({ tag, version }): Stage => ({
      name: stageName(tag),
      from: CROSS_SYSROOT_STAGE,
      instructions: [
        { kind: 'copy', from: hostPythonStageName(version), sources: [hostPythonPrefix(version)], dest: hostPythonPrefix(version) },
        ...recorded(stageName(tag), 'build-cpython.sh', tag),
      ],
    })),
  ];
}
