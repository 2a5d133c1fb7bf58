/**
 * `npm run bench`: synth cost of the fleet, every figure measured in this run.
 *
 * (a) the default fleet vs the smallest real cdktf app (one docker image, loading only cdktf
 *     and the docker provider), each a whole process started by cdktf.json's `app` command,
 *     median of RUNS; module load (process start to modules loaded) and synth reported apart;
 * (b) synth time for 26, 260 and 1,000 generated images, and the time per image.
 * Targets (issues "Fleet model" and "One home per fact"): ratio <= 1.5; linear growth; 1,000 images <= 10 s.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** cdktf.json's app command, with main.ts swapped for `script`. */
function appCommand(script: string): string[] {
  const app: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app;
  const argv = app.split(/\s+/);
  if (argv[0] !== 'node' || !argv.includes('main.ts')) {
    throw new Error(`bench: cdktf.json app ${JSON.stringify(app)} is not "node … main.ts"; teach the bench how to start it`);
  }
  return [process.execPath, ...argv.slice(1).map((arg) => (arg === 'main.ts' ? script : arg))];
}

interface Sample { readonly wallMs: number; readonly loadMs: number; readonly synthMs: number }

function runOnce(script: string, args: string[]): Sample {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const [command, ...argv] = appCommand(script);
  const started = process.hrtime.bigint();
  const stdout = execFileSync(command, [...argv, ...args, path.join(scratch, 'out')], { cwd: ROOT }).toString();
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  fs.rmSync(scratch, { recursive: true, force: true });
  const [loadMs, synthMs] = stdout.trim().split(/\s+/).map(Number);
  return { wallMs, loadMs, synthMs };
}

function measure(script: string, args: string[], runs = RUNS): Sample {
  const samples = Array.from({ length: runs }, () => runOnce(script, args));
  const median = (pick: (s: Sample) => number) => samples.map(pick).sort((a, b) => a - b)[Math.floor(runs / 2)];
  return { wallMs: median((s) => s.wallMs), loadMs: median((s) => s.loadMs), synthMs: median((s) => s.synthMs) };
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
const BASELINE = 'bench/baseline-app.ts';
const APP = 'bench/bench-app.ts';

console.log(`app command: ${appCommand('<app>').slice(1).join(' ')}`);
runOnce(APP, ['fleet', '0']); // warm the file-system cache (and any transpile cache) once for both
runOnce(BASELINE, []);
const baseline = measure(BASELINE, []);
const fleet = measure(APP, ['fleet', '0']);
const line = (name: string, s: Sample) => `${name}: ${fmt(s.wallMs)} (modules loaded at ${fmt(s.loadMs)}, synth ${fmt(s.synthMs)})`;
console.log(`(a) ${line('one-resource app', baseline)}`);
console.log(`(a) ${line('full fleet     ', fleet)}`);
console.log(`(a) ratio ${(fleet.wallMs / baseline.wallMs).toFixed(2)} (target <= 1.5); module load ratio ${(fleet.loadMs / baseline.loadMs).toFixed(2)}, synth difference ${fmt(fleet.synthMs - baseline.synthMs)}`);

const sizes = [26, 260, 1000];
const rows = sizes.map((n) => ({ n, ...measure(APP, ['generated', String(n)], n >= 1000 ? 3 : RUNS) }));
for (const row of rows) {
  console.log(`(b) ${String(row.n).padStart(4)} images: process ${fmt(row.wallMs)}, synth ${fmt(row.synthMs)}, ${(row.synthMs / row.n).toFixed(2)} ms/image`);
}
const perImage = rows.map((r) => r.synthMs / r.n);
console.log(`(b) growth: per-image cost 1000 vs 260 images ratio ${(perImage[2] / perImage[1]).toFixed(2)} (linear ~1.0); 1000 images ${fmt(rows[2].wallMs)} (target <= 10 s)`);
