import type { Arch, Interpreter, SourceArchive } from './types';

/**
 * Interpreters: CPython built from sha256-pinned source tarballs; PyPy and GraalPy as
 * sha256-pinned binaries per arch. Every url and sha256 here was copied from
 * shared/reference/pinned-sources.json, which cites the upstream file each value was read
 * from (the `citation` fields repeat that file).
 */

/** pyenv's definition of a CPython release: where every CPython sha256 below was read. */
const pyenv = (commit: string, version: string) => `pyenv/pyenv@${commit}:plugins/python-build/share/python-build/${version}`;
const PYENV_2_8_1 = 'bec9a562a59e48a730fe3320fe90c6999c82886c';

/** python.org's address of a CPython source tarball: pre-releases live in the X.Y.Z folder. */
export function cpythonSourceUrl(version: string): string {
  return `https://www.python.org/ftp/python/${version.replace(/[a-z].*$/, '')}/Python-${version}.tar.xz`;
}

/** A CPython interpreter built from `source` (GIL build unless `freeThreaded`). */
export function cpythonInterpreter(version: string, source: SourceArchive, freeThreaded = false): Interpreter {
  const [major, minor] = version.split('.');
  const nodot = `${major}${minor}`;
  return {
    tag: `cp${nodot}-cp${nodot}${freeThreaded ? 't' : ''}`,
    implementation: 'cpython',
    version,
    pythonVersion: `${major}.${minor}`,
    freeThreaded,
    source,
    libc: ['glibc', 'musl'],
    installedByDefault: true,
  };
}

/** A python.org CPython release: its tarball's sha256 as pyenv `commit` records it. */
function cpython(version: string, sha256: string, commit = PYENV_2_8_1): Interpreter {
  return cpythonInterpreter(version, { url: cpythonSourceUrl(version), sha256, citation: pyenv(commit, version) });
}

/** The free-threaded (`--disable-gil`) build of a CPython release, from the same source. */
function freeThreaded(interpreter: Interpreter): Interpreter {
  return cpythonInterpreter(interpreter.version, interpreter.source!, true);
}

export const CPYTHON_3_9 = cpython('3.9.25', '00e07d7c0f2f0cc002432d1ee84d2a40dae404a99303e3f97701c10966c91834');
export const CPYTHON_3_10 = cpython('3.10.20', 'de6517421601e39a9a3bc3e1bc4c7b2f239297423ee05e282598c83ec0647505');
export const CPYTHON_3_11 = cpython('3.11.15', '272179ddd9a2e41a0fc8e42e33dfbdca0b3711aa5abf372d3f2d51543d09b625');
export const CPYTHON_3_12 = cpython('3.12.13', 'c08bc65a81971c1dd5783182826503369466c7e67374d1646519adf05207b684');
export const CPYTHON_3_13 = cpython('3.13.14', '639e43243c620a308f968213df9e00f2f8f62332f7adbaa7a7eeb9783057c690');
export const CPYTHON_3_14 = cpython('3.14.6', '143b1dddefaec3bd2e21e3b839b34a2b7fb9842272883c576420d605e9f30c63');
export const CPYTHON_3_14T = freeThreaded(CPYTHON_3_14);
// 3.15.0b3 is no longer at pyenv 2.8.1: read from the pyenv commit that added it.
export const CPYTHON_3_15 = cpython('3.15.0b3', '6a935ae234a67e6549894373b0cfeb8361182d03b21442328ae9598ab7422127', '09dce106a403fcb1eaefd17910ceb920a4bc3672');
export const CPYTHON_3_15T = freeThreaded(CPYTHON_3_15);

/** Where every PyPy and GraalPy sha256 below was read. */
const PYTHON_VERSIONS_JSON = 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/build_scripts/python_versions.json';

/** A prebuilt interpreter: one sha256-pinned archive per arch, its address derived from the arch. */
function binaryInterpreter(
  implementation: 'pypy' | 'graalpy', tag: string, version: string, pythonVersion: string,
  url: (arch: Arch) => string, sha256: Partial<Record<Arch, string>>, installedByDefault: boolean,
): Interpreter {
  const binaries = Object.fromEntries(Object.entries(sha256).map(([arch, sha]) =>
    [arch, { url: url(arch as Arch), sha256: sha, citation: PYTHON_VERSIONS_JSON }]));
  return { tag, implementation, version, pythonVersion, freeThreaded: false, binaries, libc: ['glibc'], installedByDefault };
}

/** PyPy's file suffix per arch on downloads.python.org. */
const PYPY_SUFFIX: Partial<Record<Arch, string>> = { x86_64: 'linux64', aarch64: 'aarch64', i686: 'linux32' };
const pypy = (pythonVersion: string, version: string, sha256: Partial<Record<Arch, string>>, installedByDefault = false) => {
  const nodot = pythonVersion.replace('.', '');
  return binaryInterpreter('pypy', `pp${nodot}-pypy${nodot}_pp73`, version, pythonVersion,
    (arch) => `https://downloads.python.org/pypy/pypy${pythonVersion}-v${version}-${PYPY_SUFFIX[arch]}.tar.bz2`, sha256, installedByDefault);
};

/** GraalPy's file suffix per arch on its GitHub releases. */
const GRAALPY_SUFFIX: Partial<Record<Arch, string>> = { x86_64: 'amd64', aarch64: 'aarch64' };
const graalpy = (tag: string, pythonVersion: string, version: string, sha256: Partial<Record<Arch, string>>) =>
  binaryInterpreter('graalpy', tag, version, pythonVersion,
    (arch) => `https://github.com/oracle/graalpython/releases/download/graal-${version}/graalpy-${version}-linux-${GRAALPY_SUFFIX[arch]}.tar.gz`, sha256, false);

export const PYPY_3_9 = pypy('3.9', '7.3.16', {
  x86_64: '16f9c5b808c848516e742986e826b833cdbeda09ad8764e8704595adbe791b23',
  aarch64: 'de3f2ed3581b30555ac0dd3e4df78a262ec736a36fb2e8f28259f8539b278ef4',
  i686: '583b6d6dd4e8c07cbc04da04a7ec2bdfa6674825289c2378c5e018d5abe779ea',
});
export const PYPY_3_10 = pypy('3.10', '7.3.19', {
  x86_64: 'c73ac2cc2380ac9227fd297482bf2a3e17a80618ba46db7544d535515321ec1e',
  aarch64: 'af27a589178f11198e2244ab65ca510630ba97c131d7ccc4021eb5bc58de7f57',
  i686: 'e63a4fcad2641ee541e852918befb513abf04ce7070f743a50778cae9f9da80e',
});
// The one PyPy pypa/manylinux installs in the image (finalize.sh pp311-pypy311_pp73).
export const PYPY_3_11 = pypy('3.11', '7.3.23', {
  x86_64: '16f9f56e82d1f4ec95a324c1a8cacfd78afc7f0656c0a809a18725ef4391453a',
  aarch64: '5433ac0ad526aeb35025ef8509bed65cd62ea35cb9e21ac649c69a5eff4eecb6',
  i686: 'c7e2ffb173dcadbe4708a2e606e0b705474c1c33f25a09a4084f265d538172e4',
}, true);
export const GRAALPY_3_11 = graalpy('graalpy311-graalpy242_311_native', '3.11', '24.2.2', {
  x86_64: '604b7abf6c58038a30866e52da43818af63bcd97909af8b1a96523c7f0e01414',
  aarch64: 'c9be459ab9479892b88dd63f8f88cbc7b1067f4cb27ff17f4761b36de6bd73af',
});
export const GRAALPY_3_12 = graalpy('graalpy312-graalpy250_312_native', '3.12', '25.0.3', {
  x86_64: 'c351b503d212519ad5e7e835fd9eb56b557ca9d5b6ef59e32b40435603f90bf8',
  aarch64: 'f889a02425b0b55a0f070d63324f3d08e0975ea0b33aa69041c14418cf6cdeec',
});

/** Every interpreter in the catalogue, in the order tables list them. */
export const INTERPRETERS: readonly Interpreter[] = [
  CPYTHON_3_9, CPYTHON_3_10, CPYTHON_3_11, CPYTHON_3_12, CPYTHON_3_13, CPYTHON_3_14, CPYTHON_3_14T, CPYTHON_3_15, CPYTHON_3_15T, PYPY_3_9, PYPY_3_10, PYPY_3_11, GRAALPY_3_11, GRAALPY_3_12,
];

/** True when the interpreter has a build for `arch`. */
export function interpreterHasArch(interpreter: Interpreter, arch: Arch): boolean {
  return interpreter.source !== undefined || interpreter.binaries?.[arch] !== undefined;
}
