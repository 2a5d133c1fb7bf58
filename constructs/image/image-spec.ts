import { ARCHITECTURES, COMMON_NATIVE_BUILDS, DEFAULT_TOOLS_PYTHON, DISTRO_FAMILIES, TOOLS } from '../../policies';
import type { Arch, ArchInfo, BaseImage, DistroFamily, Interpreter, NativeSource, Policy, Tool, Toolchain } from '../../policies';
import { imageIdOf } from '../private/naming';
import { lockedBaseDigest, repositoryBaseLock } from './base-lock';
import {
  checkBase, checkCaCertificates, checkDigest, checkMirrors, checkNativeBuilds, checkPackages, checkSharedCpython, checkTags,
  checkToolchain, checkToolsPython, isExcluded, resolveInterpreters,
} from './private/image-checks';
import { resolvePlacement } from './private/cross-checks';
import type { CrossPlan } from './private/cross-checks';

export type { CrossPlan } from './private/cross-checks';
import { checkImageOptionShapes } from './private/option-shapes';
import { resolveArch, resolveRecipe } from './private/policy-checks';

/** What a caller may set for one image; everything else comes from the policy record. */
export interface ImageOptions {
  /** A policy record from policies/. */
  readonly policy: Policy;
  /** Architecture, spelled as in wheel tags (`x86_64`, `aarch64`, …). */
  readonly arch: Arch | string;
  /**
   * Base image to build on.
   *
   * @default - the policy's base image for this arch
   */
  readonly baseImage?: BaseImage;
  /**
   * Digest the base image is pinned to, `sha256:<64 hex>`.
   *
   * @default - the digest locks/bases.json pins for the base reference and arch, else none (tag only)
   */
  readonly baseDigest?: string;
  /**
   * Compiler toolchain.
   *
   * @default - the policy's toolchain for this arch
   */
  readonly toolchain?: Toolchain;
  /**
   * Interpreters the image offers: catalogue tags (`'cp312-cp312'`) or records.
   *
   * @default - every catalogue interpreter built for this arch and libc
   */
  readonly interpreters?: readonly (string | Interpreter)[];
  /**
   * Extra distro packages, named for the base image's package manager.
   *
   * @default []
   */
  readonly extraPackages?: readonly string[];
  /**
   * Python versions (`'3.13'`) to also build with `--enable-shared` into /opt/shared-cpython-X.Y.
   *
   * @default [] (static CPython only, as upstream)
   */
  readonly sharedCpython?: readonly string[];
  /**
   * Tags pushed in addition to the content tag, the build id and `latest`.
   *
   * @default []
   */
  readonly extraTags?: readonly string[];
  /**
   * Native dependencies built from source.
   *
   * @default - the common set (SQLite, mpdecimal, zstd, git) plus the base image's extras
   */
  readonly nativeBuilds?: readonly NativeSource[];
  /**
   * A reachable copy per source, by native source name or interpreter tag; the download must
   * still match the pinned sha256.
   *
   * @default {} (upstream URLs)
   */
  readonly sourceMirrors?: Readonly<Record<string, string>>;
  /**
   * Extra CA certificates (PEM) trusted for downloads while building, e.g. behind a
   * TLS-intercepting proxy. Removed from the image at the end of the build.
   *
   * @default - the base image's trust store only
   */
  readonly buildCaCertificates?: string;
  /**
   * The CPython (`X.Y`, installed, GIL, not a pre-release) the tools venv and pipx run on.
   *
   * @default '3.12' (DEFAULT_TOOLS_PYTHON, as upstream)
   */
  readonly toolsPython?: string;
  /**
   * Build an image for a policy whose support has ended.
   *
   * @default false
   */
  readonly allowEndOfLife?: boolean;
  /**
   * The arch of the machine that builds the image: its runner in the generated workflow and the
   * platform of its cross stages. An arch that machine does not run natively is emulated (QEMU).
   *
   * @default - the arch table's runner arch (x86_64, or aarch64 for aarch64 and armv7l)
   */
  readonly buildArch?: Arch | string;
  /**
   * Compile the CPythons on the build machine with a cross toolchain (policies/cross-toolchains.ts)
   * against this image's own build root, instead of under emulation. The rest stays emulated.
   *
   * @default - true where the build is emulated and a cross toolchain for the base and arch is on by default
   */
  readonly crossCompile?: boolean;
  /**
   * Digest the build machine's base of the cross-compiling stages is pinned to, `sha256:<64 hex>`.
   * Only for an image that cross-compiles.
   *
   * @default - the digest locks/bases.json pins for that base and the build machine's arch, else none (tag only)
   */
  readonly crossHostDigest?: string;
}

/** One interpreter of an image and whether it is in the image or installed on demand. */
export interface ImageInterpreter {
  readonly interpreter: Interpreter;
  readonly installed: boolean;
}

/** Everything an image is made of, resolved and validated: the input of every renderer. */
export interface ImageSpec {
  readonly id: string;
  readonly policy: Policy;
  readonly arch: Arch;
  readonly archInfo: ArchInfo;
  readonly base: BaseImage;
  readonly baseReference: string;
  readonly baseDigest: string | null;
  readonly family: DistroFamily;
  readonly toolchain: Toolchain;
  readonly interpreters: readonly ImageInterpreter[];
  readonly tools: readonly Tool[];
  /** X.Y of the CPython the tools run on. */
  readonly toolsPython: string;
  readonly extraPackages: readonly string[];
  readonly sharedCpython: readonly string[];
  readonly extraTags: readonly string[];
  readonly nativeBuilds: readonly NativeSource[];
  readonly sourceMirrors: Readonly<Record<string, string>>;
  readonly buildCaCertificates: string | null;
  /**
   * The base's compiler targets a newer x86-64 level than the policy's wheels may need: the
   * image's gcc is wrapped to emit plain x86-64 code (pypa/manylinux#1725).
   */
  readonly gccWrapper: boolean;
  /** LD_LIBRARY_PATH entries of the toolchain (absolute), for this arch. */
  readonly libDirs: readonly string[];
  /** `--build` triple for CPython's configure where its guess is wrong under linux32, else null. */
  readonly cpythonBuildTriple: string | null;
  /** The arch of the machine that builds the image. */
  readonly buildArch: Arch;
  /** The image's own commands run under QEMU on the build machine. */
  readonly emulated: boolean;
  /** How the CPython stages are cross-compiled, or null where they run in the image's own root. */
  readonly cross: CrossPlan | null;
  /** Non-fatal notes for the user (shown as synth warnings). */
  readonly warnings: readonly string[];
}

/** Resolves defaults from the policy record and validates every input; throws on the first problem. */
export function resolveImageSpec(options: ImageOptions): ImageSpec {
  checkImageOptionShapes(options);
  const { policy } = options;
  const arch = resolveArch(policy, options.arch);
  const id = imageIdOf(policy.publishedName, arch);
  const recipe = resolveRecipe(id, policy, arch, options);
  const { base, toolchain } = recipe;
  const baseReference = checkBase(id, policy, arch, base);
  const baseDigest = checkDigest(id, options.baseDigest ?? lockedBaseDigest(repositoryBaseLock(), baseReference, arch));
  checkToolchain(id, base, toolchain);
  const family = DISTRO_FAMILIES[base.family];
  const interpreters = resolveInterpreters(id, arch, base, options.interpreters)
    .map((interpreter) => ({ interpreter, installed: interpreter.installedByDefault }));
  const chosen = interpreters.map(({ interpreter }) => interpreter);
  const extraPackages = checkPackages(id, family, base, options.extraPackages ?? []);
  const sharedCpython = checkSharedCpython(id, chosen, options.sharedCpython ?? []);
  const extraTags = checkTags(id, options.extraTags ?? []);
  const nativeBuilds = checkNativeBuilds(id, options.nativeBuilds ?? [...COMMON_NATIVE_BUILDS, ...(base.nativeBuilds ?? [])]);
  const sourceMirrors = checkMirrors(id, options.sourceMirrors ?? {}, [
    ...nativeBuilds.map((source) => source.name), ...chosen.map((interpreter) => interpreter.tag),
  ]);
  const tools = TOOLS.filter((tool) => !isExcluded(tool, base, arch));
  const toolsPython = checkToolsPython(id, options.toolsPython ?? DEFAULT_TOOLS_PYTHON.version, tools, chosen);

  const archInfo = ARCHITECTURES[arch];
  const placement = resolvePlacement(id, arch, archInfo, base, options);
  const gccWrapper = arch === 'x86_64' && base.x86_64Baseline !== undefined;
  const warnings = gccWrapper
    ? [`${id}: ${base.distro} ${base.version} builds its x86_64 packages for ${base.x86_64Baseline}; the image's gcc is wrapped to emit plain x86-64 code, but libraries installed from the distro still need ${base.x86_64Baseline} and auditwheel does not detect that (pypa/manylinux#1725)`]
    : [];
  const libDirs = (arch === 'i686' && toolchain.libDirs32 ? toolchain.libDirs32 : toolchain.libDirs)
    .map((dir) => (dir.startsWith('/') ? dir : `${toolchain.rootPath}/${dir}`));

  return {
    id,
    policy,
    arch,
    archInfo,
    base,
    baseReference,
    baseDigest,
    family,
    toolchain,
    interpreters,
    tools,
    toolsPython,
    extraPackages,
    sharedCpython,
    extraTags,
    nativeBuilds,
    sourceMirrors,
    buildCaCertificates: checkCaCertificates(id, options.buildCaCertificates),
    gccWrapper,
    libDirs,
    cpythonBuildTriple: archInfo.configureBuild?.[base.libc] ?? null,
    ...placement,
    warnings,
  };
}
