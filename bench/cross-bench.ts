/**
 * `npm run bench:cross`: the e2e armv7l image (e2e/fleet.ts, built on this x86_64 machine) with
 * its CPythons compiled under QEMU vs cross-compiled on the machine, every figure measured in
 * this run, stage by stage.
 *
 * The engine's build cache is emptied first (as on a fresh runner). Each stage is then built as
 * its own `--target`, in Dockerfile order, so each time is that stage's alone: the stages both
 * variants share (runtime_base, build_base, build_cpython: the same Dockerfile text) are built
 * once and counted in both; then the cross variant's own stages (cross host, sysroot, host
 * CPythons, cross-compiled CPythons, final stage) and the emulated variant's (CPythons, final stage). A variant's full build time is the sum of its stages.
 * Target (issue "Emulated architectures at native speed"): cross / emulated <= 1/3.
 *
 * Needs the e2e engine, registry and foreign bases: `bash e2e/setup.sh`.
 * `npm run bench:cross -- cross` builds the shared and the cross variant's stages only (no ratio).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { computeSpecHash, dockerfileStages, renderDockerfile, renderImageContext, resolveImageSpec, sbomBuildArgs } from '../constructs';
import { e2eArmv7lImageOptions, e2eForeignBases } from '../e2e/fleet';

const DOCKER = '/usr/bin/docker';
const REGISTRY = '127.0.0.1:5000';

interface Variant {
  readonly name: 'emulated' | 'cross';
  readonly dir: string;
  readonly stages: readonly string[];
  readonly platform: string;
  /** The final stage's build arguments (what write-sbom.py completes the SBOM with). */
  readonly buildArgs: readonly string[];
}

/** The build context of one variant, with the plain Dockerfile (every stage built here, none from stage images). */
function writeVariant(name: Variant['name']): Variant {
  const spec = resolveImageSpec(e2eArmv7lImageOptions({ registry: REGISTRY, crossCompile: name === 'cross' }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-cross-${name}-`));
  const files = renderImageContext(spec, REGISTRY);
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, file.path), file.content, { mode: file.mode });
  }
  fs.writeFileSync(path.join(dir, 'Dockerfile'), renderDockerfile(spec));
  const buildArgs = Object.entries(sbomBuildArgs(spec.id, computeSpecHash(files))).flatMap(([key, value]) => ['--build-arg', `${key}=${value}`]);
  return { name, dir, stages: dockerfileStages(spec).map((stage) => stage.name), platform: spec.archInfo.dockerPlatform, buildArgs };
}

/** Builds one stage (its earlier stages come from the build cache); returns the seconds it took. */
function buildStage(variant: Variant, stage: string): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(DOCKER, ['build', '--platform', variant.platform, ...variant.buildArgs, '--target', stage, '-t', `fleet-bench/cross-${variant.name}:${stage}`, variant.dir],
    { env: { ...process.env, DOCKER_BUILDKIT: '1' }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    process.stderr.write(result.stderr.split('\n').slice(-60).join('\n'));
    throw new Error(`bench: ${variant.name} stage ${stage} failed after ${seconds.toFixed(1)} s`);
  }
  process.stdout.write(`  ${variant.name.padEnd(8)} ${stage.padEnd(22)} ${seconds.toFixed(1).padStart(7)} s\n`);
  return seconds;
}

function main(): void {
  const base = e2eForeignBases(REGISTRY).bullseyeArmhf;
  if (spawnSync(DOCKER, ['manifest', 'inspect', '--insecure', base], { encoding: 'utf8' }).status !== 0) {
    throw new Error(`bench: the registry does not serve ${base}; run bash e2e/setup.sh first`);
  }
  // BENCH_KEEP_CACHE=1 (while working on a stage) keeps the build cache: its figures are then not cold.
  if (process.env.BENCH_KEEP_CACHE !== '1') {
    execFileSync(DOCKER, ['builder', 'prune', '-af'], { stdio: 'ignore' });
  }
  const only = process.argv[2];
  if (only !== undefined && only !== 'cross') {
    throw new Error(`bench: unknown argument ${JSON.stringify(only)}; give nothing (both variants) or "cross"`);
  }
  const emulated = writeVariant('emulated');
  const cross = writeVariant('cross');
  const shared = emulated.stages.filter((stage) => cross.stages.includes(stage) && !/^build_cp[0-9]|^image$/.test(stage));
  process.stdout.write(`bench: ${shared.length} shared stages, then each variant's own (build cache emptied first)\n`);
  const times = new Map<string, Map<string, number>>([['emulated', new Map()], ['cross', new Map()]]);
  for (const stage of shared) {
    const seconds = buildStage(emulated, stage);
    times.get('emulated')!.set(stage, seconds);
    times.get('cross')!.set(stage, seconds);
  }
  // The cross variant first: its stages are the new ones, so a failure shows before the long emulated compiles.
  for (const variant of only === 'cross' ? [cross] : [cross, emulated]) {
    for (const stage of variant.stages.filter((s) => !shared.includes(s))) {
      times.get(variant.name)!.set(stage, buildStage(variant, stage));
    }
  }
  const total = (name: string) => [...times.get(name)!.values()].reduce((a, b) => a + b, 0);
  const own = (name: string) => [...times.get(name)!.entries()].filter(([stage]) => !shared.includes(stage)).reduce((a, [, s]) => a + s, 0);
  process.stdout.write('\nstage                      emulated s    cross s\n');
  const all = [...new Set([...emulated.stages, ...cross.stages])];
  for (const stage of all) {
    const cell = (name: string) => (times.get(name)!.has(stage) ? times.get(name)!.get(stage)!.toFixed(1) : '-').padStart(10);
    process.stdout.write(`${stage.padEnd(24)} ${cell('emulated')} ${cell('cross')}\n`);
  }
  if (only === 'cross') {
    process.stdout.write(`${'cross build'.padEnd(24)} ${'-'.padStart(10)} ${total('cross').toFixed(1).padStart(10)}\n`);
    return;
  }
  const ratio = total('cross') / total('emulated');
  process.stdout.write(`${'full build'.padEnd(24)} ${total('emulated').toFixed(1).padStart(10)} ${total('cross').toFixed(1).padStart(10)}\n`);
  process.stdout.write(`own stages (CPython, cross, final): emulated ${own('emulated').toFixed(1)} s, cross ${own('cross').toFixed(1)} s, ratio ${(own('cross') / own('emulated')).toFixed(2)}\n`);
  process.stdout.write(`full build ratio cross / emulated: ${ratio.toFixed(2)} (target <= 0.33: ${ratio <= 1 / 3 ? 'met' : 'NOT met'})\n`);
  for (const variant of [emulated, cross]) {
    fs.rmSync(variant.dir, { recursive: true, force: true });
  }
}

main();
