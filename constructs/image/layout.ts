import type { Interpreter, NativeSource } from '../../policies';

/**
 * The file layout inside every image: the one home of these paths. The Dockerfile renderer
 * reads them here; the scripts that run inside the image read them from `image.env`, where
 * renderImageData writes every entry (the scripts spell no path of their own).
 */
export const LAYOUT = {
  /** The build context's scripts and data files (each stage's archive unpacked): run-tests.sh lives here. */
  BUILD_DIR: '/opt/_internal/build',
  /** Interpreters, tools and libraries that are the image's own. */
  INTERNAL_DIR: '/opt/_internal',
  /** One folder per installed interpreter, named by its tag (`/opt/python/cp312-cp312`). */
  PYTHON_DIR: '/opt/python',
  /** The venv the tools run from (pipx, certifi, manylinux-interpreters). */
  TOOLS_VENV: '/opt/_internal/tools',
  /** pipx's home: one venv per tool. */
  PIPX_HOME: '/opt/_internal/pipx',
  /** The fixup-mirrors command (runs the build folder's fixup-mirrors.sh), kept in the image as upstream keeps it. */
  FIXUP_MIRRORS: '/usr/local/sbin/fixup-mirrors',
  /** Commands and wrappers (`python3.12`, `auditwheel`, `manylinux-interpreters`). */
  BIN_DIR: '/usr/local/bin',
  /** Every CPython's libpython*.a, for embedding only, packed together (as upstream names it). */
  STATIC_LIBS_ARCHIVE: '/opt/_internal/static-libs-for-embedding-only.tar.xz',
  /** The CA bundle SSL_CERT_FILE points at (certifi's, linked). */
  CERTS_PEM: '/opt/_internal/certs.pem',
  /** What a native build stage hands to the final image (its runtime files). */
  ROOTFS: '/manylinux-rootfs',
  /** What a native build stage hands to later build stages (headers, pkg-config files too). */
  BUILDFS: '/manylinux-buildfs',
  /** The image's SBOM, SPDX 2.3 JSON: the synth document plus the distro packages installed (sbom.ts, write-sbom.py). */
  SBOM: '/opt/_internal/sbom.spdx.json',
  /** One `<stage>.txt` per compile stage: when it ran, for how long, and a random build id (record-build.sh). */
  BUILD_RECORDS: '/opt/_internal/build-records',
} as const;

/** Keys of the layout table, as they appear in image.env. */
export type LayoutKey = keyof typeof LAYOUT;

/** The folder a CPython is installed in: `/opt/_internal/cpython-<version>[-nogil]`. */
export function cpythonPrefix(interpreter: Interpreter): string {
  return `${LAYOUT.INTERNAL_DIR}/cpython-${interpreter.version}${interpreter.freeThreaded ? '-nogil' : ''}`;
}

/** The folder of a shared-libpython CPython X.Y (manylinux-shared's layout). */
export function sharedCpythonPrefix(pythonVersion: string): string {
  return `/opt/shared-cpython-${pythonVersion}`;
}

/**
 * Native builds that install into a folder of their own (kept out of the system paths and
 * found through an rpath); every other native build installs into /usr/local.
 */
const major = (version: string) => version.split(/[.+]/)[0];
const OWN_PREFIX: Readonly<Record<string, (version: string) => string>> = {
  // Folder names as upstream's scripts spell them (pypa/manylinux@ad3c453:docker/build_scripts/
  // build-openssl.sh, build-curl.sh, build-sqlite3.sh, build-mpdecimal.sh, build-zstd.sh).
  openssl: (version) => `${LAYOUT.INTERNAL_DIR}/openssl-${version.split('.').slice(0, 2).join('.')}`,
  curl: () => `${LAYOUT.INTERNAL_DIR}/curl-4`,
  sqlite3: () => `${LAYOUT.INTERNAL_DIR}/sqlite3`,
  mpdecimal: (version) => `${LAYOUT.INTERNAL_DIR}/mpdecimal-${major(version)}`,
  zstd: (version) => `${LAYOUT.INTERNAL_DIR}/zstd-${major(version)}`,
};

/** The folder a native source build installs into. */
export function nativePrefix(source: NativeSource): string {
  return OWN_PREFIX[source.name]?.(source.version) ?? '/usr/local';
}

/**
 * The cross stages' layout (cross-stages.ts): only on the build machine, never in the image.
 * Written to `cross.env` (images without cross stages have none, so their data stays as it was).
 */
export const CROSS_LAYOUT = {
  /** The target's CPython build root, copied in as the cross compiler's sysroot. */
  SYSROOT: '/opt/_internal/sysroot',
  /** gcc, g++, ar, … wrappers running the cross toolchain: CPython records these plain names, which the image has. */
  CROSS_BIN: '/opt/_internal/cross-bin',
  /** Where a static clang's tree is copied (its compiler image keeps it there too). */
  CLANG_DIR: '/opt/clang',
  /** The build machine's own CPython X.Y.Z of each version cross-built (`--with-build-python`). */
  HOST_PYTHON_DIR: '/opt/_internal/host-python',
} as const;

/** The build machine's CPython for cross-building `version`. */
export function hostPythonPrefix(version: string): string {
  return `${CROSS_LAYOUT.HOST_PYTHON_DIR}-${version}`;
}
