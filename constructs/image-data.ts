import { CERTIFI } from '../policies';
import type { ImageSpec } from './private/image-spec';

/** A data file the scripts inside the image read, relative to the build folder. */
export interface DataFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Renders the per-image data files: the only way per-image differences reach the scripts that
 * run inside the image. Plain text the scripts read line by line; no shell code is generated.
 *
 * - `image.env`: `KEY=value` lines (never sourced; read with `fleet_value KEY`);
 * - `packages/<set>.txt`: one distro package per line;
 * - `sources.tsv`: native sources (name, version, url, sha256, mirror);
 * - `interpreters.tsv`: tag, implementation, version, X.Y, free-threaded, installed, url, sha256, mirror;
 * - `tools.tsv`: pipx tools (name, version);
 * - `shared-cpython.txt`: X.Y versions also built with --enable-shared;
 * - `image.json`: the same facts as JSON, for manylinux-interpreters;
 * - `linux32`: present when commands run under linux32 on a 64-bit kernel.
 */
export function renderImageData(spec: ImageSpec): DataFile[] {
  const { family, base, toolchain } = spec;
  const extra = base.extraPackages ?? {};
  const packages = {
    bootstrap: family.bootstrapPackages ?? [],
    runtime: [
      ...family.packages.manylinuxDeps, ...(extra.manylinuxDeps ?? []),
      ...family.packages.runtimeDeps, ...(extra.runtimeDeps ?? []),
      ...family.packages.baseTools, ...(extra.baseTools ?? []),
      ...toolchain.packages,
      ...spec.extraPackages,
    ],
    build: [...family.packages.compileDeps, ...(extra.compileDeps ?? [])],
  };
  const env: [string, string][] = [
    ['POLICY', spec.policy.publishedName],
    ['ARCH', spec.arch],
    ['LIBC', base.libc],
    ['FAMILY', family.name],
    ['PACKAGE_MANAGER', base.packageManager],
    ['DEVTOOLSET_ROOTPATH', toolchain.rootPath],
    ['YUM_BASEARCH', base.yumBasearch?.[spec.arch] ?? ''],
    ['VAULT_FROM', base.vault?.from ?? ''],
    ['VAULT_TO', base.vault?.to ?? ''],
    ['DEFAULT_SHELL', family.defaultShell ?? ''],
    ['X86_64_BASELINE', spec.arch === 'x86_64' ? base.x86_64Baseline ?? '' : ''],
    ['CERTIFI_VERSION', CERTIFI.version],
    ['CPYTHON_BUILD', spec.archInfo.configureBuild?.[base.libc] ?? ''],
  ];
  const interpreters = spec.interpreters.map(({ interpreter, installed }) => {
    const archive = interpreter.source ?? interpreter.binaries?.[spec.arch];
    return {
      tag: interpreter.tag,
      implementation: interpreter.implementation,
      version: interpreter.version,
      pythonVersion: interpreter.pythonVersion,
      freeThreaded: interpreter.freeThreaded,
      installed,
      url: archive?.url ?? '',
      sha256: archive?.sha256 ?? '',
      mirror: spec.sourceMirrors[interpreter.tag] ?? '',
    };
  });
  const lines = (rows: readonly (readonly (string | boolean)[])[]) => rows.map((row) => `${row.join('\t')}\n`).join('');
  const files: DataFile[] = [
    { path: 'image.env', content: env.map(([key, value]) => `${key}=${value}\n`).join('') },
    ...Object.entries(packages).map(([set, names]) => ({ path: `packages/${set}.txt`, content: names.map((name) => `${name}\n`).join('') })),
    { path: 'sources.tsv', content: lines(spec.nativeBuilds.map((s) => [s.name, s.version, s.url, s.sha256, spec.sourceMirrors[s.name] ?? ''])) },
    { path: 'interpreters.tsv', content: lines(interpreters.map((i) => [i.tag, i.implementation, i.version, i.pythonVersion, i.freeThreaded, i.installed, i.url, i.sha256, i.mirror])) },
    { path: 'tools.tsv', content: lines(spec.tools.map((tool) => [tool.name, tool.version])) },
    { path: 'shared-cpython.txt', content: spec.sharedCpython.map((version) => `${version}\n`).join('') },
    { path: 'image.json', content: `${JSON.stringify({ id: spec.id, policy: spec.policy.publishedName, arch: spec.arch, libc: base.libc, interpreters }, null, 2)}\n` },
  ];
  if (spec.archInfo.linux32) {
    files.push({ path: 'linux32', content: `${spec.arch}\n` });
  }
  return files;
}
