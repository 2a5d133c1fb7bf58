import { CROSS_HOST_STAGE, CROSS_SYSROOT_STAGE, hostPythonStageName } from './cross-stages';
import { LAYOUT } from './layout';
import type { Stage } from './dockerfile-model';
import {
  BUILD_BASE_STAGE, CPYTHON_BASE_STAGE, IMAGE_STAGE, RUNTIME_BASE_STAGE, buildStageName, orderNativeBuilds, sharedStageName,
} from './dockerfile-stages';
import { gilCpythonTag, imageTables, renderTable } from './image-data';
import type { Table } from './image-data';
import type { ImageSpec } from './image-spec';
import { byPath, readScripts } from './private/scripts';
import type { ContextFile } from './private/scripts';

/**
 * What each stage of an image unpacks into the build folder: the scripts its steps run, every
 * script those name (`source lib.sh`, `bash update-system-packages.sh`), and the data they
 * read, down to the table rows of the one native source or CPython the stage builds. A stage's
 * files are its build inputs: a change to one CPython's row reaches that CPython's stage and
 * the final one, and no other. The final stage receives every script and data file (the image
 * keeps its build folder: run-tests.sh, manylinux-interpreters and fixup-mirrors run from it).
 */
export function stageFiles(spec: ImageSpec, stages: readonly Stage[], imageFiles: readonly ContextFile[]): Map<string, ContextFile[]> {
  const data = stageData(spec, imageFiles);
  return new Map(stages.map((stage) => {
    const files = stage.name === IMAGE_STAGE
      ? [...readScripts(), ...imageFiles]
      : [...scriptClosure(scriptsRun(stage)), ...(data.get(stage.name) ?? [])];
    return [stage.name, [...files].sort(byPath)];
  }));
}

/** The data files of the stages before the final one, by stage name. */
function stageData(spec: ImageSpec, imageFiles: readonly ContextFile[]): Map<string, ContextFile[]> {
  const files = new Map(imageFiles.map((file) => [file.path, file]));
  const pick = (...paths: string[]) => paths.flatMap((p) => (files.has(p) ? [files.get(p)!] : []));
  const tables = imageTables(spec);
  const rows = (file: string, column: string, keys: readonly string[]): ContextFile =>
    ({ path: file, mode: 0o644, content: renderTable(onlyRows(tables[file], column, keys)) });
  const natives = orderNativeBuilds(spec.nativeBuilds);
  const built = new Set(natives.map((native) => native.name));
  const cpythons = spec.interpreters.filter(({ interpreter }) => interpreter.implementation === 'cpython');
  const cpythonSources = rows('sources.tsv', 'name', natives.filter((n) => n.cpythonDependency).map((n) => n.name));
  return new Map<string, ContextFile[]>([
    [RUNTIME_BASE_STAGE, pick('image.env', 'packages/bootstrap.txt', 'packages/runtime.txt',
      'plan/config.tsv', 'plan/repositories.txt', 'plan/upgrade.txt', 'mirrors.tsv', 'build-ca.pem')],
    [BUILD_BASE_STAGE, pick('packages/build.txt')],
    ...natives.map((native): [string, ContextFile[]] => [buildStageName(native.name),
      [rows('sources.tsv', 'name', [native.name, ...(native.needs ?? []).filter((need) => built.has(need))])]]),
    [CPYTHON_BASE_STAGE, [cpythonSources]],
    ...cpythons.map(({ interpreter }): [string, ContextFile[]] => [buildStageName(interpreter.tag),
      [rows('interpreters.tsv', 'tag', [interpreter.tag])]]),
    // The cross stages (cross-stages.ts): the build machine's root reads the image's settings
    // and its own package list; the sysroot stage what the target's CPython base stage reads.
    [CROSS_HOST_STAGE, pick('image.env', 'cross.env', 'packages/cross-host.txt', 'build-ca.pem')],
    [CROSS_SYSROOT_STAGE, [cpythonSources]],
    ...[...new Set(cpythons.map(({ interpreter }) => interpreter.version))].map((version): [string, ContextFile[]] =>
      [hostPythonStageName(version), [rows('interpreters.tsv', 'tag', [cpythons.find(({ interpreter }) => interpreter.version === version)!.interpreter.tag])]]),
    ...spec.sharedCpython.map((version): [string, ContextFile[]] => [sharedStageName(version),
      [rows('interpreters.tsv', 'tag', [gilCpythonTag(spec, version)]), rows('shared-cpython.tsv', 'python_version', [version])]]),
  ]);
}

function onlyRows(table: Table, column: string, keys: readonly string[]): Table {
  const index = table.columns.indexOf(column);
  return { columns: table.columns, rows: table.rows.filter((row) => keys.includes(String(row[index]))) };
}

/** The build-folder scripts a stage's RUN steps name (`…/build/x.sh`, or `x.sh` as record-build.sh's argument). */
function scriptsRun(stage: Stage): string[] {
  const names = new Set(topLevelScripts().map((file) => file.path));
  return stage.instructions.flatMap((instruction) => (instruction.kind === 'run' ? instruction.argv : []))
    .map((arg) => (arg.startsWith(`${LAYOUT.BUILD_DIR}/`) ? arg.slice(LAYOUT.BUILD_DIR.length + 1) : arg))
    .filter((arg) => names.has(arg));
}

/** The scripts named, and every script they name in code, transitively. */
function scriptClosure(roots: readonly string[]): ContextFile[] {
  const scripts = new Map(topLevelScripts().map((file) => [file.path, file]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (!seen.has(name)) {
      seen.add(name);
      namedScripts(name, scripts).forEach(visit);
    }
  };
  roots.forEach(visit);
  return [...seen].map((name) => scripts.get(name)!);
}

const named = new Map<string, string[]>();

/** The other scripts a script names in its code (comments do not count); read once per process. */
function namedScripts(name: string, scripts: ReadonlyMap<string, ContextFile>): string[] {
  if (!named.has(name)) {
    const code = String(scripts.get(name)!.content).split('\n')
      .filter((line) => !/^\s*#/.test(line)).map((line) => line.replace(/\s#\s.*$/, '')).join('\n');
    named.set(name, [...scripts.keys()].filter((other) => other !== name
      && new RegExp(`(^|[^\\w.-])${other.replace(/[.]/g, '\\.')}($|[^\\w.-])`, 'm').test(code)));
  }
  return named.get(name)!;
}

/** The files directly in image-scripts/ (tests/ and demo/ are the final image's only). */
function topLevelScripts(): readonly ContextFile[] {
  return readScripts().filter((file) => !file.path.includes('/'));
}
