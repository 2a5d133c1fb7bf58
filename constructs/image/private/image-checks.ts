import { BASE_IMAGES, INTERPRETERS, NATIVE_SOURCES, interpreterHasArch } from '../../../policies';
import type { Arch, BaseImage, DistroFamily, Interpreter, NativeSource, Policy, Tool, Toolchain } from '../../../policies';
import { fail, show } from '../../private/errors';
import { DIGEST, IMAGE_REFERENCE, SHA256, TAG, URL_PATTERN } from '../../private/formats';

/** The checks of one image's inputs: each throws a message naming the image id, the value and the fix. */

const INTERPRETER_TAG = /^[a-z]+[0-9]+-[a-z0-9_]+$/;

export function compareVersions(a: string, b: string): number {
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

export function checkBase(id: string, policy: Policy, arch: Arch, base: BaseImage): string {
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

export function checkDigest(id: string, digest: string | null, name = 'base image digest'): string | null {
  if (digest !== null && !DIGEST.test(digest)) {
    fail(id, {
      what: `${name} ${show(digest)} is malformed`,
      fix: 'give sha256: followed by 64 lower-case hex digits (docker buildx imagetools inspect <ref>)',
    });
  }
  return digest;
}

export function checkToolchain(id: string, base: BaseImage, toolchain: Toolchain): void {
  if (!toolchain.availableOn.includes(base.key)) {
    fail(id, {
      what: `toolchain ${toolchain.name} is not available on base image ${base.key}`,
      allowed: [],
      fix: `pick a toolchain for ${base.key} (toolchain records list availableOn) or a base from: ${toolchain.availableOn.join(', ')}`,
    });
  }
}

/** The image's interpreters: the given tags or records, else every catalogue one for the arch and libc. */
export function resolveInterpreters(
  id: string, arch: Arch, base: BaseImage, given: readonly (string | Interpreter)[] | undefined,
): Interpreter[] {
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
  return chosen;
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

export function checkPackages(id: string, family: DistroFamily, base: BaseImage, packages: readonly string[]): string[] {
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

export function checkSharedCpython(id: string, interpreters: readonly Interpreter[], versions: readonly string[]): string[] {
  const available = gilCpythonVersions(interpreters);
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

export function checkTags(id: string, tags: readonly string[]): string[] {
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

export function checkNativeBuilds(id: string, sources: readonly NativeSource[]): NativeSource[] {
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

export function checkMirrors(id: string, mirrors: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
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

export function checkCaCertificates(id: string, pem: string | undefined): string | null {
  if (pem !== undefined && !/^-----BEGIN CERTIFICATE-----$/m.test(pem)) {
    fail(id, { what: 'buildCaCertificates holds no PEM certificate', fix: 'pass the text of .crt/.pem files (-----BEGIN CERTIFICATE----- blocks)' });
  }
  return pem ?? null;
}

/**
 * The tools venv and pipx run on one stable GIL CPython the image has installed, `toolsPython`
 * (X.Y): it must exist there and be new enough for every tool. Returns it.
 */
export function checkToolsPython(id: string, toolsPython: string, tools: readonly Tool[], interpreters: readonly Interpreter[]): string {
  const stable = interpreters
    .filter((i) => i.implementation === 'cpython' && !i.freeThreaded && i.installedByDefault && /^\d+(\.\d+)*$/.test(i.version))
    .map((i) => i.pythonVersion);
  if (!stable.includes(toolsPython)) {
    fail(id, {
      what: `toolsPython ${show(toolsPython)} is not a stable GIL CPython installed in the image`,
      allowed: stable,
      fix: `set toolsPython to one of these, or add cp${toolsPython.replace('.', '')}-cp${toolsPython.replace('.', '')} to the interpreters`,
    });
  }
  const needs = tools.filter((tool) => tool.requiresPython !== undefined && compareVersions(toolsPython, tool.requiresPython) < 0);
  if (needs.length > 0) {
    fail(id, {
      what: `toolsPython ${show(toolsPython)} is too old for ${needs.map((t) => `${t.name} ${t.version} (Requires-Python >= ${t.requiresPython})`).join(', ')}`,
      allowed: stable.filter((v) => needs.every((t) => compareVersions(v, t.requiresPython!) >= 0)),
      fix: 'set toolsPython to one of these',
    });
  }
  return toolsPython;
}

/** X.Y of every GIL (not free-threaded) CPython among the interpreters. */
function gilCpythonVersions(interpreters: readonly Interpreter[]): string[] {
  return interpreters.filter((i) => i.implementation === 'cpython' && !i.freeThreaded).map((i) => i.pythonVersion);
}

/** True when the tool has no wheels for the image (uv on musl ppc64le, …). */
export function isExcluded(tool: Tool, base: BaseImage, arch: Arch): boolean {
  return (tool.excludedOn ?? []).some((rule) => rule.arch === arch && (rule.libc === undefined || rule.libc === base.libc));
}
