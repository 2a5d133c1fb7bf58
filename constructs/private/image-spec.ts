import {
  ALL_POLICIES, ARCHITECTURES, BASE_IMAGES, COMMON_NATIVE_BUILDS, DISTRO_FAMILIES, INTERPRETERS, NATIVE_SOURCES, TOOLS,
  interpreterHasArch, isArch,
} from '../../policies';
import type {
  Arch, ArchInfo, BaseImage, DistroFamily, Interpreter, NativeSource, Policy, Tool, Toolchain,
} from '../../policies';
import { fail, show } from './errors';
import { DIGEST, IMAGE_REFERENCE, SHA256, TAG, URL_PATTERN } from './formats';

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

const INTERPRETER_TAG = /^[a-z]+[0-9]+-[a-z0-9_]+$/;

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
    tools: TOOLS.filter((tool) => !isExcluded(tool, base, arch)),
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

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) {
      return diff;
    }
  }
  return 0;
}

function checkBase(id: string, policy: Policy, arch: Arch, base: BaseImage): string {
  const fitting = BASE_IMAGES
    .filter((b) => b.libc === policy.libc.kind && compareVersions(b.libcVersion, policy.libc.version) <= 0 && b.references[arch])
    .map((b) => b.key);
  if (base.libc !== policy.libc.kind) {
    fail(id, {
      what: `base image ${base.key} uses ${base.libc}, but ${policy.publishedName} is a ${policy.libc.kind} policy`,
      allowed: fitting,
      fix: `pick a ${policy.libc.kind} base image`,
    });
  }
  if (compareVersions(base.libcVersion, policy.libc.version) > 0) {
    fail(id, {
      what: `base image ${base.key} has ${base.libc} ${base.libcVersion}, newer than ${policy.publishedName} allows (${policy.libc.version})`,
      allowed: fitting,
      fix: `pick a base with ${base.libc} <= ${policy.libc.version}, or a newer policy`,
    });
  }
  const reference = base.references[arch];
  if (reference === undefined) {
    fail(id, {
      what: `base image ${base.key} has no reference for arch ${show(arch)}`,
      allowed: Object.keys(base.references),
      fix: `add references.${arch} to the base image record`,
    });
  }
  if (!IMAGE_REFERENCE.test(reference)) {
    fail(id, {
      what: `base image reference ${show(reference)} is not a valid image reference`,
      fix: 'write it as [registry/]name[:tag], lower case, and pin a digest with baseDigest',
    });
  }
  return reference;
}

function checkDigest(id: string, digest: string | null): string | null {
  if (digest !== null && !DIGEST.test(digest)) {
    fail(id, {
      what: `base image digest ${show(digest)} is malformed`,
      fix: 'give sha256: followed by 64 lower-case hex digits (docker buildx imagetools inspect <ref>)',
    });
  }
  return digest;
}

function checkToolchain(id: string, base: BaseImage, toolchain: Toolchain): void {
  if (!toolchain.availableOn.includes(base.key)) {
    fail(id, {
      what: `toolchain ${toolchain.name} is not available on base image ${base.key}`,
      allowed: [],
      fix: `pick a toolchain for ${base.key} (toolchain records list availableOn) or a base from: ${toolchain.availableOn.join(', ')}`,
    });
  }
}

function resolveInterpreters(
  id: string, arch: Arch, base: BaseImage, given: readonly (string | Interpreter)[] | undefined,
): ImageInterpreter[] {
  const fits = (i: Interpreter) => i.libc.includes(base.libc) && interpreterHasArch(i, arch);
  const chosen = given === undefined
    ? INTERPRETERS.filter(fits)
    : given.map((item) => typeof item === 'string' ? lookupInterpreter(id, item) : item);
  if (chosen.length === 0) {
    fail(id, {
      what: 'the interpreter set is empty',
      allowed: INTERPRETERS.filter(fits).map((i) => i.tag),
      fix: 'list at least one interpreter, or leave interpreters unset for the default set',
    });
  }
  const seen = new Set<string>();
  for (const interpreter of chosen) {
    checkInterpreterRecord(id, interpreter);
    if (seen.has(interpreter.tag)) {
      fail(id, { what: `interpreter ${show(interpreter.tag)} is listed twice`, fix: 'list each interpreter once' });
    }
    seen.add(interpreter.tag);
    if (!interpreter.libc.includes(base.libc)) {
      fail(id, {
        what: `interpreter ${interpreter.tag} has no ${base.libc} build`,
        allowed: INTERPRETERS.filter(fits).map((i) => i.tag),
        fix: `drop ${interpreter.tag} from interpreters`,
      });
    }
    if (!interpreterHasArch(interpreter, arch)) {
      fail(id, {
        what: `interpreter ${interpreter.tag} is not available on ${arch}`,
        allowed: INTERPRETERS.filter(fits).map((i) => i.tag),
        fix: `drop ${interpreter.tag} from interpreters`,
      });
    }
  }
  return chosen.map((interpreter) => ({ interpreter, installed: interpreter.installedByDefault }));
}

function lookupInterpreter(id: string, tag: string): Interpreter {
  const found = INTERPRETERS.find((i) => i.tag === tag);
  if (found === undefined) {
    fail(id, {
      what: `unknown interpreter ${show(tag)}`,
      allowed: INTERPRETERS.map((i) => i.tag),
      fix: 'use a catalogue tag, or pass an Interpreter record with its source url and sha256',
    });
  }
  return found;
}

function checkInterpreterRecord(id: string, interpreter: Interpreter): void {
  if (!INTERPRETER_TAG.test(interpreter.tag)) {
    fail(id, {
      what: `interpreter tag ${show(interpreter.tag)} is not a <python tag>-<abi tag> directory name`,
      fix: 'name it like cp312-cp312 or pp311-pypy311_pp73',
    });
  }
  const archives = [interpreter.source, ...Object.values(interpreter.binaries ?? {})].filter((a) => a !== undefined);
  for (const archive of archives) {
    if (!SHA256.test(archive.sha256)) {
      fail(id, {
        what: `interpreter ${interpreter.tag}: sha256 ${show(archive.sha256)} of ${archive.url} is not 64 lower-case hex digits`,
        fix: 'copy the sha256 from the published checksum file and cite it',
      });
    }
    if (!URL_PATTERN.test(archive.url)) {
      fail(id, {
        what: `interpreter ${interpreter.tag}: download url ${show(archive.url)} is not an http(s) URL`,
        fix: 'give the full https:// address of the archive',
      });
    }
  }
}

function checkPackages(id: string, family: DistroFamily, base: BaseImage, packages: readonly string[]): string[] {
  for (const name of packages) {
    if (!family.packageNamePattern.test(name)) {
      fail(id, {
        what: `extra package ${show(name)} is not a valid ${base.packageManager} package name`,
        fix: `give bare package names for ${base.distro} ${base.version} (no versions, flags or shell syntax)`,
      });
    }
  }
  return [...new Set(packages)];
}

function checkSharedCpython(id: string, interpreters: readonly ImageInterpreter[], versions: readonly string[]): string[] {
  const available = interpreters
    .filter(({ interpreter }) => interpreter.implementation === 'cpython' && !interpreter.freeThreaded)
    .map(({ interpreter }) => interpreter.pythonVersion);
  for (const version of versions) {
    if (!available.includes(version)) {
      fail(id, {
        what: `sharedCpython ${show(version)} is not a CPython version of this image`,
        allowed: available,
        fix: 'pick X.Y versions from the image\'s (non free-threaded) CPython interpreters',
      });
    }
  }
  return [...new Set(versions)];
}

function checkTags(id: string, tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    if (!TAG.test(tag)) {
      fail(id, {
        what: `tag ${show(tag)} is not a valid Docker tag`,
        fix: 'use up to 128 characters of [A-Za-z0-9_.-], not starting with . or -',
      });
    }
    if (tag === 'latest' || tag.startsWith('spec-') || seen.has(tag)) {
      fail(id, {
        what: `tag ${show(tag)} is ${seen.has(tag) ? 'listed twice' : 'reserved (the fleet pushes latest and spec-<hash> itself)'}`,
        fix: 'drop it from extraTags',
      });
    }
    seen.add(tag);
  }
  return [...tags];
}

function checkNativeBuilds(id: string, sources: readonly NativeSource[]): NativeSource[] {
  const known = NATIVE_SOURCES.map((source) => source.name);
  for (const source of sources) {
    if (!known.includes(source.name)) {
      fail(id, {
        what: `native build ${show(source.name)} has no build script`,
        allowed: known,
        fix: 'use a record from policies/native-sources.ts (each has an image-scripts/build-<name>.sh)',
      });
    }
    if (!SHA256.test(source.sha256) || !URL_PATTERN.test(source.url)) {
      fail(id, {
        what: `native source ${source.name}: url ${show(source.url)} / sha256 ${show(source.sha256)} is malformed`,
        fix: 'give an http(s) URL and 64 lower-case hex digits, and cite where the sha256 was read',
      });
    }
  }
  return [...sources];
}

function checkMirrors(id: string, mirrors: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  for (const [name, url] of Object.entries(mirrors)) {
    if (!names.includes(name)) {
      fail(id, { what: `sourceMirrors names unknown source ${show(name)}`, allowed: names, fix: 'key mirrors by a native source name or an interpreter tag of this image' });
    }
    if (!URL_PATTERN.test(url)) {
      fail(id, { what: `mirror url ${show(url)} for ${name} is not an http(s) URL`, fix: 'give the full address of an identical copy of the archive' });
    }
  }
  return { ...mirrors };
}

function checkCaCertificates(id: string, pem: string | undefined): string | null {
  if (pem !== undefined && !/^-----BEGIN CERTIFICATE-----$/m.test(pem)) {
    fail(id, { what: 'buildCaCertificates holds no PEM certificate', fix: 'pass the text of .crt/.pem files (-----BEGIN CERTIFICATE----- blocks)' });
  }
  return pem ?? null;
}

function isExcluded(tool: Tool, base: BaseImage, arch: Arch): boolean {
  return (tool.excludedOn ?? []).some((rule) => rule.arch === arch && (rule.libc === undefined || rule.libc === base.libc));
}
