import type { ImageSpec } from './image-spec';
import { commandLine, installPlan } from './install-plan';
import type { InstallPlan } from './install-plan';
import { CROSS_LAYOUT, LAYOUT, cpythonPrefix, nativePrefix, sharedCpythonPrefix } from './layout';
import { BASE_TOOLS_LOCK, LOCKS_DIR, PYTHON_LOCKS_DIR, toolLockFile, toolLocksDir } from './locks';
import { SBOM_DISTRO_PREFIX, SBOM_TEMPLATE } from './sbom';

/** A data file the scripts inside the image read, relative to the build folder. */
export interface DataFile {
  readonly path: string;
  readonly content: string;
}

/** A table the scripts read by column name: the header row names the columns. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | boolean)[])[];
}

/** Renders a table as tab-separated text with a header row (the scripts' lib.sh reads it by name). */
export function renderTable(table: Table): string {
  for (const row of table.rows) {
    if (row.length !== table.columns.length || row.some((cell) => /[\t\n]/.test(String(cell)))) {
      throw new Error(`table row ${JSON.stringify(row)} does not fit the columns ${table.columns.join(', ')}`);
    }
  }
  return [table.columns, ...table.rows].map((row) => `${row.join('\t')}\n`).join('');
}

/** `image.env`: the in-image layout and every per-image decision, as KEY=value lines (never sourced). */
export function imageEnv(spec: ImageSpec, plan: InstallPlan = installPlan(spec)): [string, string][] {
  const { base, toolchain, family } = spec;
  return [
    ...(Object.entries(LAYOUT) as [string, string][]),
    ['POLICY', spec.policy.publishedName],
    ['ARCH', spec.arch],
    ['LIBC', base.libc],
    ['FAMILY', family.name],
    ['PACKAGE_MANAGER', base.packageManager],
    // The package manager's commands, words joined by single spaces (install-plan.ts).
    ['PKG_INSTALL', commandLine(spec.id, plan.install)],
    ['PKG_REFRESH', commandLine(spec.id, plan.refresh)],
    // The mirror fix (fixup-mirrors.sh); the per-repository baseurls are mirrors.tsv.
    ['MIRROR_VAULT_FROM', plan.mirrors.vault?.from ?? ''],
    ['MIRROR_VAULT_TO', plan.mirrors.vault?.to ?? ''],
    ['MIRROR_PATH_FROM', plan.mirrors.pathRewrite?.from ?? ''],
    ['MIRROR_PATH_TO', plan.mirrors.pathRewrite?.to ?? ''],
    ['REPLACE_SYSTEM_LIBCRYPT', String(base.replaceSystemLibcrypt ?? false)],
    ['DEVTOOLSET_ROOTPATH', toolchain.rootPath],
    ['LIBSTDCXX_SCRIPT_FIX', String(toolchain.libstdcxxScriptFix ?? false)],
    ['YUM_BASEARCH', base.yumBasearch?.[spec.arch] ?? ''],
    ['DEFAULT_SHELL', family.defaultShell ?? ''],
    ['LINUX32', String(spec.archInfo.linux32)],
    ['GCC_WRAPPER', String(spec.gccWrapper)],
    ['TOOLS_PYTHON', spec.toolsPython],
    // Where the lock files are, relative to the build folder (names: locks.ts).
    ['PYTHON_LOCKS', `${LOCKS_DIR}/${PYTHON_LOCKS_DIR}`],
    ['TOOL_LOCKS', `${LOCKS_DIR}/${toolLocksDir(spec.toolsPython)}`],
    ['TOOLS_BASE_LOCK', `${LOCKS_DIR}/${toolLockFile(spec.toolsPython, BASE_TOOLS_LOCK)}`],
    ['CPYTHON_BUILD', spec.cpythonBuildTriple ?? ''],
    // The in-image SBOM's template, relative to the build folder (sbom.ts).
    ['SBOM_TEMPLATE', SBOM_TEMPLATE],
    ['SBOM_DISTRO_PREFIX', SBOM_DISTRO_PREFIX],
  ];
}

/** The interpreters of the image, one row each: the one interpreter file the scripts and manylinux-interpreters read. */
export function interpreterTable(spec: ImageSpec): Table {
  return {
    columns: ['tag', 'implementation', 'version', 'python_version', 'free_threaded', 'installed', 'prefix', 'url', 'sha256', 'mirror'],
    rows: spec.interpreters.map(({ interpreter, installed }) => {
      const archive = interpreter.source ?? interpreter.binaries?.[spec.arch];
      const prefix = interpreter.implementation === 'cpython' ? cpythonPrefix(interpreter) : `${LAYOUT.INTERNAL_DIR}/${interpreter.tag}`;
      return [interpreter.tag, interpreter.implementation, interpreter.version, interpreter.pythonVersion, interpreter.freeThreaded,
        installed, prefix, archive?.url ?? '', archive?.sha256 ?? '', spec.sourceMirrors[interpreter.tag] ?? ''];
    }),
  };
}

/**
 * Renders the per-image data files: the only way per-image differences reach the scripts that
 * run inside the image. Plain text the scripts read by key or column name; no shell code is
 * generated.
 *
 * - `image.env`: `KEY=value` lines, the layout and the package manager's commands included
 *   (read with `fleet_value KEY`);
 * - `packages/<set>.txt`: one distro package per line;
 * - `plan/config.tsv`, `plan/repositories.txt`, `plan/upgrade.txt`, `mirrors.tsv`: the rest of
 *   the install plan (install-plan.ts), one command per line in the .txt files;
 * - `sources.tsv`, `interpreters.tsv`, `tools.tsv`, `shared-cpython.tsv`: tables with a header row.
 */
export function renderImageData(spec: ImageSpec): DataFile[] {
  const plan = installPlan(spec);
  const commands = (argvs: readonly (readonly string[])[]) => argvs.map((argv) => `${commandLine(spec.id, argv)}\n`).join('');
  return [
    { path: 'image.env', content: imageEnv(spec, plan).map(([key, value]) => `${key}=${value}\n`).join('') },
    { path: 'plan/repositories.txt', content: commands(plan.repositories) },
    { path: 'plan/upgrade.txt', content: commands(plan.upgrade) },
    ...Object.entries(plan.packages).map(([set, names]: [string, readonly string[]]) =>
      ({ path: `packages/${set}.txt`, content: names.map((name) => `${name}\n`).join('') })),
    ...Object.entries(imageTables(spec, plan)).map(([file, table]) => ({ path: file, content: renderTable(table) })),
    ...crossData(spec),
  ];
}

/**
 * The cross stages' data, only where the image has them: `cross.env` (the toolchain, the
 * target and the cross layout, KEY=value as image.env) and `packages/cross-host.txt` (what the
 * build machine's root installs).
 */
function crossData(spec: ImageSpec): DataFile[] {
  if (!spec.cross) {
    return [];
  }
  const { toolchain, target } = spec.cross;
  const env: [string, string][] = [
    ...(Object.entries(CROSS_LAYOUT) as [string, string][]),
    ['CROSS_KIND', toolchain.kind],
    ['CROSS_TRIPLE', target.triple],
    ['CROSS_LIBDIR', target.libDir],
  ];
  return [
    { path: 'cross.env', content: env.map(([key, value]) => `${key}=${value}\n`).join('') },
    { path: 'packages/cross-host.txt', content: [...toolchain.hostPackages, ...target.packages].map((name) => `${name}\n`).join('') },
  ];
}

/** The tables of renderImageData, by file name (build stages receive only the rows they need: stage-files.ts). */
export function imageTables(spec: ImageSpec, plan: InstallPlan = installPlan(spec)): Record<string, Table> {
  return {
    'plan/config.tsv': { columns: ['file', 'key', 'value'], rows: plan.config.map((s) => [s.file, s.key, s.value ?? '']) },
    'mirrors.tsv': { columns: ['repo', 'baseurl'], rows: plan.mirrors.baseurls.map((b) => [b.repo, b.baseurl]) },
    'sources.tsv': {
      columns: ['name', 'version', 'prefix', 'url', 'sha256', 'mirror'],
      rows: spec.nativeBuilds.map((s) => [s.name, s.version, nativePrefix(s), s.url, s.sha256, spec.sourceMirrors[s.name] ?? '']),
    },
    'interpreters.tsv': interpreterTable(spec),
    'tools.tsv': { columns: ['name', 'version'], rows: spec.tools.map((tool) => [tool.name, tool.version]) },
    'shared-cpython.tsv': {
      columns: ['python_version', 'tag', 'prefix'],
      rows: spec.sharedCpython.map((version) => [version, gilCpythonTag(spec, version), sharedCpythonPrefix(version)]),
    },
  };
}

/** The tag of the image's GIL CPython X.Y: the source a shared CPython X.Y is built from. */
export function gilCpythonTag(spec: ImageSpec, pythonVersion: string): string {
  return spec.interpreters.find(({ interpreter: i }) =>
    i.implementation === 'cpython' && !i.freeThreaded && i.pythonVersion === pythonVersion)!.interpreter.tag;
}
