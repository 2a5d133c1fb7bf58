/**
 * The lock files an image installs Python packages from: one per Python minor (pip, build and
 * packaging for every interpreter) and one per tool for the CPython the tools run on. They live
 * in the repository's `locks/` folder, written by `npm run fleet -- lock` from PyPI; synth copies
 * the ones an image needs into its build context and refuses a missing or stale one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CERTIFI, PIPX, PYTHON_PACKAGING } from '../../policies';
import { fail } from '../private/errors';
import type { ImageSpec } from './image-spec';
import { projectRoot } from './private/scripts';
import type { ContextFile } from './private/scripts';

/** The folder of lock files, in the repository and in every build folder. */
export const LOCKS_DIR = 'locks';

/** One environment a lock must install in. */
export interface LockEnvironment {
  /** Python language version `X.Y`. */
  readonly python: string;
  readonly implementation: 'cpython' | 'pypy' | 'graalpy';
  /** The image's platform tag (`AUDITWHEEL_PLAT`): `manylinux_2_28_x86_64`, `musllinux_1_2_armv7l`. */
  readonly platform: string;
}

/** What one lock file is resolved from. */
export interface LockRequest {
  /** Path under locks/: `python/3.12.txt`, `tools/3.12/auditwheel.txt`. */
  readonly file: string;
  readonly python: string;
  /** Requirement lines (PEP 508), in data order. */
  readonly requirements: readonly string[];
  readonly environments: readonly LockEnvironment[];
}

/** The folder (under locks/) of the per-Python-minor packaging locks, `<X.Y>.txt` each. */
export const PYTHON_LOCKS_DIR = 'python';
/** The folder (under locks/) of the tool locks for one tools Python, `<tool>.txt` each. */
export const toolLocksDir = (python: string) => `tools/${python}`;
/** The lock of the tools venv itself: pipx with certifi. */
export const BASE_TOOLS_LOCK = 'base';

/** The lock of a Python minor's packaging (pip, build, packaging). */
export const pythonLockFile = (python: string) => `${PYTHON_LOCKS_DIR}/${python}.txt`;
/** The lock of one tool (BASE_TOOLS_LOCK: pipx with certifi) on the tools' Python. */
export const toolLockFile = (python: string, tool: string) => `${toolLocksDir(python)}/${tool}.txt`;

export const environmentKey = (env: LockEnvironment) => `${env.implementation} ${env.platform}`;

const LEGACY_GLIBC: Readonly<Record<string, readonly [number, number]>> = { manylinux1: [2, 5], manylinux2010: [2, 12], manylinux2014: [2, 17] };

/** A platform tag read: libc, its version, arch. */
export interface PlatformTag {
  readonly libc: 'glibc' | 'musl';
  readonly version: readonly [number, number];
  readonly arch: string;
}

/** `manylinux_2_17_x86_64` → glibc 2.17 x86_64 (PEP 600 and the legacy aliases); undefined for other tags. */
export function parsePlatformTag(tag: string): PlatformTag | undefined {
  const legacy = /^(manylinux1|manylinux2010|manylinux2014)_(.+)$/.exec(tag);
  if (legacy) {
    return { libc: 'glibc', version: LEGACY_GLIBC[legacy[1]], arch: legacy[2] };
  }
  const m = /^(manylinux|musllinux)_(\d+)_(\d+)_(.+)$/.exec(tag);
  return m ? { libc: m[1] === 'manylinux' ? 'glibc' : 'musl', version: [Number(m[2]), Number(m[3])], arch: m[4] } : undefined;
}

/** Whether what installs on `older` installs on `newer` too: same libc and arch, libc not older. */
export function platformWithin(older: PlatformTag, newer: PlatformTag): boolean {
  return older.libc === newer.libc && older.arch === newer.arch
    && (older.version[0] < newer.version[0] || (older.version[0] === newer.version[0] && older.version[1] <= newer.version[1]));
}

/** Whether a lock resolved for `locked` (environment keys) serves `env`: a locked environment of the same implementation on the same libc and arch, libc no newer. */
function covered(env: LockEnvironment, locked: readonly string[]): boolean {
  const target = parsePlatformTag(env.platform);
  return locked.some((key) => {
    const [implementation, platform] = key.split(' ');
    const tag = parsePlatformTag(platform);
    return implementation === env.implementation && tag !== undefined && target !== undefined && platformWithin(tag, target);
  });
}

/** The locks an image installs from, each with the image's own environments only. */
export function imageLockRequests(spec: ImageSpec): LockRequest[] {
  const platform = `${spec.policy.publishedName}_${spec.arch}`;
  const byPython = new Map<string, LockEnvironment[]>();
  for (const { interpreter } of spec.interpreters) {
    const envs = byPython.get(interpreter.pythonVersion) ?? [];
    const env: LockEnvironment = { python: interpreter.pythonVersion, implementation: interpreter.implementation, platform };
    if (!envs.some((e) => environmentKey(e) === environmentKey(env))) {
      envs.push(env);
    }
    byPython.set(interpreter.pythonVersion, envs);
  }
  const python = [...byPython.entries()].map(([version, environments]) => ({
    file: pythonLockFile(version), python: version, requirements: PYTHON_PACKAGING.requirements, environments,
  }));
  const toolsEnv: LockEnvironment = { python: spec.toolsPython, implementation: 'cpython', platform };
  const tools = [
    { name: BASE_TOOLS_LOCK, requirements: [`${PIPX.name}==${PIPX.version}`, `${CERTIFI.name}==${CERTIFI.version}`] },
    ...spec.tools.filter((tool) => tool.name !== PIPX.name).map((tool) => ({ name: tool.name, requirements: [`${tool.name}==${tool.version}`] })),
  ].map(({ name, requirements }) => ({ file: toolLockFile(spec.toolsPython, name), python: spec.toolsPython, requirements, environments: [toolsEnv] }));
  return [...python, ...tools];
}

const GENERATED = '# Generated by `npm run fleet -- lock` from PyPI\'s JSON API; do not edit.';

/** `name==version` blocks of a lock file, each with its wheels' sha256. */
export function lockedPackages(text: string): LockedPackage[] {
  return text.split(/\n(?=[A-Za-z0-9._-]+==)/).slice(1).map((block) => {
    const [, name, version, marker] = /^([A-Za-z0-9._-]+)==([^ ;\\\n]+)(?: ; ([^\\\n]+?))? *\\?\n/.exec(block)!;
    return { name, version, marker: marker ?? '', hashes: [...block.matchAll(/--hash=sha256:([0-9a-f]{64})/g)].map((m) => m[1]) };
  });
}

/** One package of a lock file. */
export interface LockedPackage {
  readonly name: string;
  readonly version: string;
  /** Its PEP 508 environment marker, `''` when it installs everywhere the lock does. */
  readonly marker: string;
  /** The sha256 of every wheel the lock allows. */
  readonly hashes: readonly string[];
}

/** The header lines of a lock file: what it was resolved from (read back by `lockInputs`). */
export function renderLockHeader(request: LockRequest): string {
  return [
    GENERATED,
    `# python: ${request.python}`,
    ...request.requirements.map((r) => `# requirement: ${r}`),
    ...request.environments.map((e) => `# environment: ${environmentKey(e)}`),
  ].join('\n');
}

/** What a lock file says it was resolved from. */
export interface LockInputs {
  readonly python: string;
  readonly requirements: readonly string[];
  readonly environments: readonly string[];
}

export function lockInputs(text: string): LockInputs {
  const values = (key: string) => text.split('\n').filter((l) => l.startsWith(`# ${key}: `)).map((l) => l.slice(key.length + 4));
  return { python: values('python')[0] ?? '', requirements: values('requirement'), environments: values('environment') };
}

/** Why a lock file does not serve `request` (undefined when it does). */
export function lockProblem(request: LockRequest, text: string | undefined): string | undefined {
  if (text === undefined) {
    return 'is missing';
  }
  const inputs = lockInputs(text);
  if (inputs.python !== request.python || inputs.requirements.join('\n') !== request.requirements.join('\n')) {
    return `is stale: it locks ${inputs.requirements.join(', ') || 'nothing'} for Python ${inputs.python || '?'}, the image needs ${request.requirements.join(', ')} for Python ${request.python}`;
  }
  const missing = request.environments.filter((env) => !covered(env, inputs.environments)).map(environmentKey);
  return missing.length > 0 ? `does not cover ${missing.join(', ')} (nor an older libc of that arch)` : undefined;
}

/** The repository's lock folder. */
export function locksRoot(): string {
  return path.join(projectRoot(), LOCKS_DIR);
}

const lockTexts = new Map<string, string | undefined>();

/** A lock file's text (read once per process), undefined when it does not exist. */
function readLock(name: string): string | undefined {
  if (!lockTexts.has(name)) {
    const file = path.join(locksRoot(), ...name.split('/'));
    lockTexts.set(name, fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
  }
  return lockTexts.get(name);
}

/** The lock files of an image, for its build folder; fails on a missing or stale one. */
export function readImageLocks(spec: ImageSpec): ContextFile[] {
  return imageLockRequests(spec).map((request) => {
    const text = readLock(request.file);
    const problem = lockProblem(request, text);
    if (problem !== undefined) {
      fail(spec.id, { what: `lock file ${LOCKS_DIR}/${request.file} ${problem}`, fix: 'run `npm run fleet -- lock` and commit the lock files' });
    }
    return { path: `${LOCKS_DIR}/${request.file}`, mode: 0o644, content: imageLockText(text!) };
  });
}

/**
 * A lock as an image receives it: without its `# environment:` lines. They list every fleet
 * image the lock serves, which is no input of this image's install (pip reads the requirement
 * lines and their hashes): another image joining a lock changes this image's hash only when it
 * adds a wheel hash.
 */
export function imageLockText(text: string): string {
  return text.split('\n').filter((line) => !line.startsWith('# environment: ')).join('\n');
}
