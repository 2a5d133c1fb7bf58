/**
 * `npm run bench`: synth cost of the fleet.
 *
 * (a) full-fleet synth vs a one-resource cdktf app, each a whole process started the way
 *     cdktf.json's `app` command starts it (node + ts-node transpile-only), median of RUNS;
 * (b) synth time for 26, 260 and 1,000 generated images, and the time per image.
 * Targets (issue "Fleet model"): ratio <= 1.5; linear growth; 1,000 images <= 10 s.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultContextRoot } from '../constructs/private/build-context';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const APP = path.join(__dirname, 'bench-app.ts');
// Where the app stages contexts by default (RAM when available); each run gets a new, empty one.
const CONTEXT_BASE = path.dirname(defaultContextRoot());
let runs = 0;

function runOnce(args: string[]): { wallMs: number; synthMs: number } {
  // A fresh output folder and context root each run: every run pays for writing every context.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const started = process.hrtime.bigint();
  const stdout = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', APP, args[0], args[1] ?? '0', path.join(scratch, 'out')], {
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, BENCH_CONTEXT_ROOT: path.join(CONTEXT_BASE, `bench-${process.pid}-${runs++}`) },
  }).toString();
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.rmSync(path.join(CONTEXT_BASE, `bench-${process.pid}-${runs - 1}`), { recursive: true, force: true });
  return { wallMs, synthMs: Number(stdout.trim()) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(args: string[], runs = RUNS): { wallMs: number; synthMs: number } {
  const results = Array.from({ length: runs }, () => runOnce(args));
  return { wallMs: median(results.map((r) => r.wallMs)), synthMs: median(results.map((r) => r.synthMs)) };
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

const baseline = measure(['baseline']);
const fleet = measure(['fleet']);
console.log(`(a) one-resource app: ${fmt(baseline.wallMs)}   full fleet (26 images): ${fmt(fleet.wallMs)}   ratio ${(fleet.wallMs / baseline.wallMs).toFixed(2)} (target <= 1.5)`);

const sizes = [26, 260, 1000];
const rows = sizes.map((n) => ({ n, ...measure(['generated', String(n)], n >= 1000 ? 3 : RUNS) }));
for (const row of rows) {
  console.log(`(b) ${String(row.n).padStart(4)} images: process ${fmt(row.wallMs)}, synth ${fmt(row.synthMs)}, ${(row.synthMs / row.n).toFixed(2)} ms/image`);
}
const perImage = rows.map((r) => r.synthMs / r.n);
console.log(`(b) growth: per-image cost 1000 vs 260 images ratio ${(perImage[2] / perImage[1]).toFixed(2)} (linear ~1.0); 1000 images ${fmt(rows[2].wallMs)} (target <= 10 s)`);
