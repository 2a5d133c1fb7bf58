import type { ImageSpec } from './private/image-spec';

/** A data file scripts inside the image read (JSON or flag files), relative to the build folder. */
export interface DataFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Renders the per-image data files: the only way per-image differences reach the scripts that
 * run inside the image (they read these files; no shell code is generated).
 *
 * - `image.json`: the resolved image (packages by purpose, interpreters with their
 *   pinned downloads, tools with versions);
 * - `linux32`: present when commands run under the linux32 personality on a 64-bit kernel.
 */
export function renderImageData(spec: ImageSpec): DataFile[] {
  const { family, base, toolchain } = spec;
  const extra = base.extraPackages ?? {};
  const data = {
    id: spec.id,
    policy: spec.policy.publishedName,
    arch: spec.arch,
    libc: base.libc,
    family: family.name,
    packageManager: base.packageManager,
    packages: {
      manylinuxDeps: [...family.packages.manylinuxDeps, ...(extra.manylinuxDeps ?? [])],
      runtimeDeps: [...family.packages.runtimeDeps, ...(extra.runtimeDeps ?? [])],
      baseTools: [...family.packages.baseTools, ...(extra.baseTools ?? [])],
      compileDeps: [...family.packages.compileDeps, ...(extra.compileDeps ?? [])],
      toolchain: toolchain.packages,
      extra: spec.extraPackages,
    },
    interpreters: spec.interpreters.map(({ interpreter, installed }) => {
      const archive = interpreter.source ?? interpreter.binaries?.[spec.arch];
      return {
        tag: interpreter.tag,
        implementation: interpreter.implementation,
        version: interpreter.version,
        pythonVersion: interpreter.pythonVersion,
        freeThreaded: interpreter.freeThreaded,
        installed,
        url: archive?.url ?? null,
        sha256: archive?.sha256 ?? null,
      };
    }),
    sharedCpython: spec.sharedCpython,
    tools: spec.tools.map((tool) => ({ name: tool.name, version: tool.version })),
  };
  const files: DataFile[] = [{ path: 'image.json', content: `${JSON.stringify(data, null, 2)}\n` }];
  if (spec.archInfo.linux32) {
    files.push({ path: 'linux32', content: `${spec.arch}\n` });
  }
  return files;
}
