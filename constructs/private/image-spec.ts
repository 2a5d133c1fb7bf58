import { ALL_POLICIES, ARCHITECTURES, COMMON_NATIVE_BUILDS, DISTRO_FAMILIES, TOOLS, isArch } from '../../policies';
import type { Arch, ArchInfo, BaseImage, DistroFamily, Interpreter, NativeSource, Policy, Tool, Toolchain } from '../../policies';
import { fail, show } from './errors';
import {
  checkBase, checkCaCertificates, checkDigest, checkMirrors, checkNativeBuilds, checkPackages, checkSharedCpython, checkTags,
  checkToolchain, checkToolsPython, resolveInterpreters,
} from './image-checks';

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
   * @default - the base image record's digest for this arch, else none (tag only)
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
   * Build an image for a policy whose support has ended.
   *
   * @default false
   */
  readonly allowEndOfLife?: boolean;
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
  readonly extraPackages: readonly string[];
  readonly sharedCpython: readonly string[];
  readonly extraTags: readonly string[];
  readonly nativeBuilds: readonly NativeSource[];
  readonly sourceMirrors: Readonly<Record<string, string>>;
  readonly buildCaCertificates: string | null;
  /** Non-fatal notes for the user (shown as synth warnings). */
  readonly warnings: readonly string[];
}

/** Resolves defaults from the policy record and validates every input; throws on the first problem. */
export function resolveImageSpec(options: ImageOptions): ImageSpec {
  const { policy } = options;
  const arch = resolveArch(policy, options.arch);
  const id = `${policy.publishedName}_${arch}`;

  if (policy.status.kind === 'end-of-life' && options.allowEndOfLife !== true) {
    fail(id, {
      what: `policy ${policy.publishedName} reached end of life on ${policy.status.since} (${policy.status.reference}), got allowEndOfLife ${show(options.allowEndOfLife ?? false)}`,
      allowed: supportedAlternatives(policy.libc.kind, arch),
      fix: 'pass allowEndOfLife: true to build it anyway, or use a supported policy',
    });
  }

  const recipe = policy.images?.[arch];
  if (recipe === undefined && (options.baseImage === undefined || options.toolchain === undefined)) {
    const offered = Object.keys(policy.images ?? {});
    fail(id, {
      what: policy.images === undefined
        ? `policy ${policy.publishedName} has no image recipe`
        : `arch ${show(arch)} is not supported by ${policy.publishedName}`,
      allowed: offered.length > 0 ? offered : undefined,
      fix: policy.images === undefined
        ? 'pass baseImage and toolchain for it'
        : `drop it${alternativeFor(policy, arch)}, or pass baseImage and toolchain`,
    });
  }

  if (policy.symbolVersions[arch] === undefined) {
    fail(id, {
      what: `auditwheel defines no ${policy.publishedName} policy for arch ${show(arch)}`,
      allowed: Object.keys(policy.symbolVersions),
      fix: `drop it${alternativeFor(policy, arch)}`,
    });
  }

  const base = options.baseImage ?? recipe!.base;
  const toolchain = options.toolchain ?? recipe!.toolchain;
  const baseReference = checkBase(id, policy, arch, base);
  const baseDigest = checkDigest(id, options.baseDigest ?? base.digests?.[arch] ?? null);
  checkToolchain(id, base, toolchain);
  const family = DISTRO_FAMILIES[base.family];
  const interpreters = resolveInterpreters(id, arch, base, options.interpreters);
  const extraPackages = checkPackages(id, family, base, options.extraPackages ?? []);
  const sharedCpython = checkSharedCpython(id, interpreters, options.sharedCpython ?? []);
  const extraTags = checkTags(id, options.extraTags ?? []);
  const nativeBuilds = checkNativeBuilds(id, options.nativeBuilds ?? [...COMMON_NATIVE_BUILDS, ...(base.nativeBuilds ?? [])]);
  const sourceMirrors = checkMirrors(id, options.sourceMirrors ?? {}, [
    ...nativeBuilds.map((source) => source.name), ...interpreters.map(({ interpreter }) => interpreter.tag),
  ]);

  const tools = TOOLS.filter((tool) => !isExcluded(tool, base, arch));
  checkToolsPython(id, tools, interpreters);

  const warnings: string[] = [];
  if (arch === 'x86_64' && base.x86_64Baseline !== undefined) {
    warnings.push(`${id}: ${base.distro} ${base.version} builds its x86_64 packages for ${base.x86_64Baseline}; the image's gcc is wrapped to emit plain x86-64 code, but libraries installed from the distro still need ${base.x86_64Baseline} and auditwheel does not detect that (pypa/manylinux#1725)`);
  }

  return {
    id,
    policy,
    arch,
    archInfo: ARCHITECTURES[arch],
    base,
    baseReference,
    baseDigest,
    family,
    toolchain,
    interpreters,
    tools,
    extraPackages,
    sharedCpython,
    extraTags,
    nativeBuilds,
    sourceMirrors,
    buildCaCertificates: checkCaCertificates(id, options.buildCaCertificates),
    warnings,
  };
}

function resolveArch(policy: Policy, arch: string): Arch {
  const offered = Object.keys(policy.images ?? policy.symbolVersions);
  if (!isArch(arch)) {
    fail(`${policy.publishedName}_${arch}`, {
      what: `arch ${show(arch)} is not an architecture name`,
      allowed: offered,
      fix: 'use the wheel-tag spelling (x86_64 not amd64, aarch64 not arm64, i686 not 386)',
    });
  }
  return arch;
}

/**
 * ` or use <policy>` naming the most compatible policy that publishes an image for the arch:
 * the oldest fully supported one, else the oldest in alpha/beta.
 */
function alternativeFor(policy: Policy, arch: Arch): string {
  const candidates = ALL_POLICIES.filter((p) => p.libc.kind === policy.libc.kind && p.images?.[arch] !== undefined);
  const pick = candidates.find((p) => p.status.kind === 'supported')
    ?? candidates.find((p) => p.status.kind !== 'end-of-life');
  return pick ? ` or use ${pick.publishedName}` : '';
}

function supportedAlternatives(libc: Policy['libc']['kind'], arch: Arch): string[] {
  return ALL_POLICIES
    .filter((p) => p.libc.kind === libc && p.status.kind !== 'end-of-life' && p.images?.[arch] !== undefined)
    .map((p) => p.publishedName);
}

function isExcluded(tool: Tool, base: BaseImage, arch: Arch): boolean {
  return (tool.excludedOn ?? []).some((rule) => rule.arch === arch && (rule.libc === undefined || rule.libc === base.libc));
}
