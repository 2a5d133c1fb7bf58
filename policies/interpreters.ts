import type { Arch, Interpreter, SourceArchive } from './types';

/**
 * Interpreters: CPython built from sha256-pinned source tarballs; PyPy and GraalPy as
 * sha256-pinned binaries per arch. Every url and sha256 here was copied from
 * shared/reference/pinned-sources.json, which cites the upstream file each value was read
 * from (the `citation` fields repeat that file).
 */

function cpython(version: string, source: SourceArchive, freeThreaded = false): Interpreter {
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

const SRC_3_9_25: SourceArchive = {
  url: 'https://www.python.org/ftp/python/3.9.25/Python-3.9.25.tar.xz',
  sha256: '00e07d7c0f2f0cc002432d1ee84d2a40dae404a99303e3f97701c10966c91834',
  citation: 'pyenv/pyenv@bec9a562a59e48a730fe3320fe90c6999c82886c:plugins/python-build/share/python-build/3.9.25',
};
const SRC_3_10_20: SourceArchive = {
  url: 'https://www.python.org/ftp/python/3.10.20/Python-3.10.20.tar.xz',
  sha256: 'de6517421601e39a9a3bc3e1bc4c7b2f239297423ee05e282598c83ec0647505',
  citation: 'pyenv/pyenv@bec9a562a59e48a730fe3320fe90c6999c82886c:plugins/python-build/share/python-build/3.10.20',
};
const SRC_3_11_15: SourceArchive = {
  url: 'https://www.python.org/ftp/python/3.11.15/Python-3.11.15.tar.xz',
  sha256: '272179ddd9a2e41a0fc8e42e33dfbdca0b3711aa5abf372d3f2d51543d09b625',
  citation: 'pyenv/pyenv@bec9a562a59e48a730fe3320fe90c6999c82886c:plugins/python-build/share/python-build/3.11.15',
};
const SRC_3_12_13: SourceArchive = {
  url: 'https://www.python.org/ftp/python/3.12.13/Python-3.12.13.tar.xz',
  sha256: 'c08bc65a81971c1dd5783182826503369466c7e67374d1646519adf05207b684',
  citation: 'pyenv/pyenv@bec9a562a59e48a730fe3320fe90c6999c82886c:plugins/python-build/share/python-build/3.12.13',
};
const SRC_3_13_14: SourceArchive = {
  url: 'https://www.python.org/ftp/python/3.13.14/Python-3.13.14.tar.xz',
  sha256: '639e43243c620a308f968213df9e00f2f8f62332f7adbaa7a7eeb9783057c690',
  citation: 'pyenv/pyenv@bec9a562a59e48a730fe3320fe90c6999c82886c:plugins/python-build/share/python-build/3.13.14',
};
const SRC_3_14_6: SourceArchive = {
  url: 'https://www.python.org/ftp/python/3.14.6/Python-3.14.6.tar.xz',
  sha256: '143b1dddefaec3bd2e21e3b839b34a2b7fb9842272883c576420d605e9f30c63',
  citation: 'pyenv/pyenv@bec9a562a59e48a730fe3320fe90c6999c82886c:plugins/python-build/share/python-build/3.14.6',
};
const SRC_3_15_0b3: SourceArchive = {
  url: 'https://www.python.org/ftp/python/3.15.0/Python-3.15.0b3.tar.xz',
  sha256: '6a935ae234a67e6549894373b0cfeb8361182d03b21442328ae9598ab7422127',
  citation: 'pyenv/pyenv@09dce106a403fcb1eaefd17910ceb920a4bc3672:plugins/python-build/share/python-build/3.15.0b3',
};

export const CPYTHON_3_9 = cpython('3.9.25', SRC_3_9_25);
export const CPYTHON_3_10 = cpython('3.10.20', SRC_3_10_20);
export const CPYTHON_3_11 = cpython('3.11.15', SRC_3_11_15);
export const CPYTHON_3_12 = cpython('3.12.13', SRC_3_12_13);
export const CPYTHON_3_13 = cpython('3.13.14', SRC_3_13_14);
export const CPYTHON_3_14 = cpython('3.14.6', SRC_3_14_6);
export const CPYTHON_3_14T = cpython('3.14.6', SRC_3_14_6, true);
export const CPYTHON_3_15 = cpython('3.15.0b3', SRC_3_15_0b3);
export const CPYTHON_3_15T = cpython('3.15.0b3', SRC_3_15_0b3, true);

export const PYPY_3_9: Interpreter = {
  tag: 'pp39-pypy39_pp73',
  implementation: 'pypy',
  version: '7.3.16',
  pythonVersion: '3.9',
  freeThreaded: false,
  binaries: {
    x86_64: {
      url: 'https://downloads.python.org/pypy/pypy3.9-v7.3.16-linux64.tar.bz2',
      sha256: '16f9c5b808c848516e742986e826b833cdbeda09ad8764e8704595adbe791b23',
      citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/build_scripts/python_versions.json',
    },
    aarch64: {
      url: 'https://downloads.python.org/pypy/pypy3.9-v7.3.16-aarch64.tar.bz2',
      sha256: 'de3f2ed3581b30555ac0dd3e4df78a262ec736a36fb2e8f28259f8539b278ef4',
      citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/build_scripts/python_versions.json',
    },
    i686: {
      url: 'https://downloads.python.org/pypy/pypy3.9-v7.3.16-linux32.tar.bz2',
      sha256: '583b6d6dd4e8c07cbc04da04a7ec2bdfa6674825289c2378c5e018d5abe779ea',
      citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/build_scripts/python_versions.json',
    },
  },
  libc: ['glibc'],
  installedByDefault: false,
};

export const PYPY_3_10: Interpreter = {
  tag: 'pp310-pypy310_pp73',
  implementation: 'pypy',
  version: '7.3.19',
  pythonVersion: '3.10',
  freeThreaded: false,
  binaries: {
    x86_64: {
      url: 'https://downloads.python.org/pypy/pypy3.10-v7.3.19-linux64.tar.bz2',
      sha256: 'c73ac2cc2380ac9227fd297482bf2a3e17a80618ba46db7544d535515321ec1e',
      citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/build_scripts/python_versions.json',
    },
    aarch64: {
      url: 'https://downloads.python.org/pypy/pypy3.10-v7.3.19-aarch64.tar.bz2',
      sha256: 'af27a589178f11198e2244ab65ca510630ba97c131d7ccc4021eb5bc58de7f57',
      citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/build_scripts/python_versions.json',
    },
    i686: {
      url: 'https://downloads.python.org/pypy/pypy3.10-v7.3.19-linux32.tar.bz2',
      sha256: 'e63a4fcad2641ee541e852918befb513abf04ce7070f743a50778cae9f9da80e',
      citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/build_scripts/python_versions.json',
    },
  },
  libc: ['glibc'],
  installedByDefault: false,
};

export const PYPY_3_11: Interpreter = {
  tag: 'pp311-pypy311_pp73',
  implementation: 'pypy',
  version: '7.3.23',
  pythonVersion: '3.11',
  freeThreaded: false,
  binaries: {
    x86_64: {
      url: 'https://downloads.python.org/pypy/pypy3.11-v7.3.23-linux64.tar.bz2',
      sha256: '16f9f56e82d1f4ec95a324c1a8cacfd78afc7f0656c0a809a18725ef4391453a',
      citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/build_scripts/python_versions.json',
    },
    aarch64: {
      url: 'https://downloads.python.org/pypy/pypy3.11-v7.3.23-aarch64.tar.bz2',
      sha256: '5433ac0ad526aeb35025ef8509bed65cd62ea35cb9e21ac649c69a5eff4eecb6',
      citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/build_scripts/python_versions.json',
    },
    i686: {
      url: 'https://downloads.python.org/pypy/pypy3.11-v7.3.23-linux32.tar.bz2',
      sha256: 'c7e2ffb173dcadbe4708a2e606e0b705474c1c33f25a09a4084f265d538172e4',
      citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/build_scripts/python_versions.json',
    },
  },
  libc: ['glibc'],
  installedByDefault: true,
};

export const GRAALPY_3_11: Interpreter = {
  tag: 'graalpy311-graalpy242_311_native',
  implementation: 'graalpy',
  version: '24.2.2',
  pythonVersion: '3.11',
  freeThreaded: false,
  binaries: {
    x86_64: {
      url: 'https://github.com/oracle/graalpython/releases/download/graal-24.2.2/graalpy-24.2.2-linux-amd64.tar.gz',
      sha256: '604b7abf6c58038a30866e52da43818af63bcd97909af8b1a96523c7f0e01414',
      citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/build_scripts/python_versions.json',
    },
    aarch64: {
      url: 'https://github.com/oracle/graalpython/releases/download/graal-24.2.2/graalpy-24.2.2-linux-aarch64.tar.gz',
      sha256: 'c9be459ab9479892b88dd63f8f88cbc7b1067f4cb27ff17f4761b36de6bd73af',
      citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/build_scripts/python_versions.json',
    },
  },
  libc: ['glibc'],
  installedByDefault: false,
};

export const GRAALPY_3_12: Interpreter = {
  tag: 'graalpy312-graalpy250_312_native',
  implementation: 'graalpy',
  version: '25.0.3',
  pythonVersion: '3.12',
  freeThreaded: false,
  binaries: {
    x86_64: {
      url: 'https://github.com/oracle/graalpython/releases/download/graal-25.0.3/graalpy-25.0.3-linux-amd64.tar.gz',
      sha256: 'c351b503d212519ad5e7e835fd9eb56b557ca9d5b6ef59e32b40435603f90bf8',
      citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/build_scripts/python_versions.json',
    },
    aarch64: {
      url: 'https://github.com/oracle/graalpython/releases/download/graal-25.0.3/graalpy-25.0.3-linux-aarch64.tar.gz',
      sha256: 'f889a02425b0b55a0f070d63324f3d08e0975ea0b33aa69041c14418cf6cdeec',
      citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/build_scripts/python_versions.json',
    },
  },
  libc: ['glibc'],
  installedByDefault: false,
};

/** Every interpreter in the catalogue, in the order tables list them. */
export const INTERPRETERS: readonly Interpreter[] = [
  CPYTHON_3_9, CPYTHON_3_10, CPYTHON_3_11, CPYTHON_3_12, CPYTHON_3_13, CPYTHON_3_14, CPYTHON_3_14T, CPYTHON_3_15, CPYTHON_3_15T, PYPY_3_9, PYPY_3_10, PYPY_3_11, GRAALPY_3_11, GRAALPY_3_12,
];

/** True when the interpreter has a build for `arch`. */
export function interpreterHasArch(interpreter: Interpreter, arch: Arch): boolean {
  return interpreter.source !== undefined || interpreter.binaries?.[arch] !== undefined;
}
