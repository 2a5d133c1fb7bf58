import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..', '..');
export const STATE = path.join(ROOT, '.e2e');

/** What e2e/setup.sh prepared. */
export interface E2eEnvironment {
  readonly terraform: string;
  readonly terraformBinaryName: string;
  readonly cliConfigFile: string;
  readonly docker: string;
  readonly registry: string;
  /** cibuildwheel in its own venv (the venv's `python` is beside it). */
  readonly cibuildwheel: string;
  /** spdx-tools' validator, in its own venv. */
  readonly pyspdxtools: string;
  readonly providers: Record<'docker' | 'github', { readonly source: string; readonly version: string; readonly module: string }>;
}

export function loadEnvironment(): E2eEnvironment {
  const file = path.join(STATE, 'environment.json');
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: run the suite with npm run test:e2e (it runs e2e/setup.sh first)`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

type RunOptions = { cwd?: string; env?: Record<string, string>; allowed?: readonly number[]; input?: string };

/**
 * Runs a command; when its exit code is not one of `allowed`, fails loudly with the step, the
 * command and the tail of its output.
 */
export function run(step: string, command: string, args: readonly string[], options: RunOptions = {}): RunResult {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    input: options.input,
    maxBuffer: 256 * 1024 * 1024,
  });
  return checked(step, command, args, options, started, result.status ?? -1, result.stdout ?? '', result.stderr ?? '', result.error);
}

/** As `run`, without blocking: for commands that run side by side (each with its own output). */
export function runAsync(step: string, command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env } });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.end(options.input ?? '');
    let error: Error | undefined;
    child.on('error', (e) => { error = e; });
    child.on('close', (code) => {
      try {
        resolve(checked(step, command, args, options, started, code ?? -1, Buffer.concat(stdout).toString('utf8'), Buffer.concat(stderr).toString('utf8'), error));
      } catch (e) {
        reject(e);
      }
    });
  });
}

function checked(step: string, command: string, args: readonly string[], options: RunOptions, started: bigint,
  status: number, stdout: string, stderr: string, error: Error | undefined): RunResult {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!(options.allowed ?? [0]).includes(status)) {
    const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`e2e step "${step}" failed: ${command} ${args.join(' ')} exited ${status}${error ? ` (${error.message})` : ''}\n--- output tail ---\n${tail}`);
  }
  return { status, stdout, stderr, seconds };
}

/** Pins required_providers to the versions setup built (an override file Terraform merges). */
export function overrideProviders(stackDir: string, env: E2eEnvironment): void {
  const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  const required = Object.fromEntries(Object.keys(json.terraform.required_providers).map((name) => {
    const provider = env.providers[name as 'docker' | 'github'];
    return [name, { source: provider.source, version: provider.version }];
  }));
  fs.writeFileSync(path.join(stackDir, 'providers_override.tf.json'), JSON.stringify({ terraform: { required_providers: required } }, null, 2));
}

/** Runs terraform (or tofu) in a stack folder with the provider mirror configured. */
export function terraform(env: E2eEnvironment, step: string, stackDir: string, args: readonly string[], allowed: readonly number[] = [0]): RunResult {
  return run(step, env.terraform, args, {
    cwd: stackDir,
    allowed,
    env: { TF_CLI_CONFIG_FILE: env.cliConfigFile, TF_IN_AUTOMATION: '1', TF_INPUT: '0', DOCKER_BUILDKIT: '0', CHECKPOINT_DISABLE: '1' },
  });
}

/** Synthesizes an app into `outdir` (a fresh folder) and returns its stacks folder. */
export function synth(step: string, app: string, outdir: string, env: Record<string, string> = {}): string {
  fs.rmSync(outdir, { recursive: true, force: true });
  run(step, process.execPath, ['-r', 'ts-node/register/transpile-only', app], { env: { CDKTF_OUTDIR: outdir, ...env } });
  return path.join(outdir, 'stacks');
}

/** Tags the registry serves for a repository (its HTTP API). */
export async function registryTags(env: E2eEnvironment, repository: string): Promise<string[]> {
  const response = await fetch(`http://${env.registry}/v2/${repository}/tags/list`);
  if (response.status === 404) {
    return [];
  }
  const body = await response.json() as { tags: string[] | null };
  return (body.tags ?? []).sort();
}

/** The manifest digest the registry serves for repository:tag. */
export async function registryDigest(env: E2eEnvironment, repository: string, tag: string): Promise<string | null> {
  const response = await fetch(`http://${env.registry}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' },
  });
  return response.ok ? response.headers.get('docker-content-digest') : null;
}

/**
 * How many build steps of an image the engine executed since `since`: the entries of the
 * image's history created after it. A step served from a build cache keeps the time it first
 * ran, so this counts real work, not tags or image ids.
 */
export function stepsExecuted(env: E2eEnvironment, reference: string, since: Date): number {
  const created = run('image history', env.docker, ['history', '--no-trunc', '--human=false', '--format', '{{.CreatedAt}}', reference]).stdout
    .split('\n').filter((line) => line.trim() !== '').map((line) => new Date(line.trim()));
  if (created.some((date) => Number.isNaN(date.getTime()))) {
    throw new Error(`docker history of ${reference} gave a date it cannot read:\n${created.join('\n')}`);
  }
  // The engine stamps whole seconds: a step in the same second as `since` counts.
  return created.filter((date) => date.getTime() >= Math.floor(since.getTime() / 1000) * 1000).length;
}

/** The blobs (config and layers) of repository:tag, by digest, with their sizes (the registry's manifest). */
export async function registryBlobs(env: E2eEnvironment, repository: string, tag: string): Promise<Map<string, number>> {
  const response = await fetch(`http://${env.registry}/v2/${repository}/manifests/${tag}`, {
    headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' },
  });
  if (!response.ok) {
    throw new Error(`the registry has no manifest for ${repository}:${tag} (HTTP ${response.status})`);
  }
  const manifest = await response.json() as { config: { digest: string; size: number }; layers: { digest: string; size: number }[] };
  return new Map([manifest.config, ...manifest.layers].map((blob) => [blob.digest, blob.size]));
}

/**
 * Empties the engine as a fresh CI runner has it: every image (the bases too; the registry
 * serves them), BuildKit's whole cache, and a fresh daemon. The restart matters: `builder
 * prune` deletes the cached results but leaves their cache keys until BuildKit starts again
 * (it drops keys without results at start), and a build that matches such a key follows it
 * instead of the registry's cache and runs the step again (measured: with the stale keys the
 * cold redeploy compiled the unchanged CPython; after a restart, no compile). A fresh runner's
 * daemon has no keys at all. Only the suite's own engine (e2e/setup.sh started it) is
 * restarted. Returns how many images and cache records are left.
 */
export function emptyEngine(env: E2eEnvironment): { images: number; cacheRecords: number } {
  const ids = run('list images', env.docker, ['images', '-aq']).stdout.split('\n').filter(Boolean);
  if (ids.length > 0) {
    run('remove every image', env.docker, ['rmi', '-f', ...new Set(ids)]);
  }
  run('prune the BuildKit cache', env.docker, ['builder', 'prune', '-af']);
  restartOwnEngine(env);
  const left = run('list images', env.docker, ['images', '-aq']).stdout.split('\n').filter(Boolean).length;
  const records = run('build cache usage', env.docker, ['system', 'df', '--format', '{{.Type}} {{.TotalCount}}']).stdout
    .split('\n').find((line) => line.startsWith('Build Cache'));
  return { images: left, cacheRecords: Number(records?.split(' ').pop() ?? 0) };
}

/** Stops the daemon e2e/setup.sh started and starts it again the same way (its PID file updated). */
function restartOwnEngine(env: E2eEnvironment): void {
  const pidFile = path.join(STATE, 'pids', 'dockerd.pid');
  if (!fs.existsSync(pidFile)) {
    throw new Error('the cold-engine step restarts the Docker engine, so it needs the suite\'s own: stop the running dockerd and run npm run test:e2e (e2e/setup.sh starts one)');
  }
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  const alive = (id: number) => { try { process.kill(id, 0); return true; } catch { return false; } };
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 60 && alive(pid); i++) {
    spawnSync('sleep', ['1']);
  }
  if (alive(pid)) {
    throw new Error(`dockerd (${pid}) did not stop within 60 s`);
  }
  const log = fs.openSync(path.join(STATE, 'logs', 'dockerd.log'), 'a');
  const daemon = spawn('dockerd', [], { detached: true, stdio: ['ignore', log, log] });
  daemon.unref();
  fs.writeFileSync(pidFile, `${daemon.pid}\n`);
  for (let i = 0; i < 60; i++) {
    if (spawnSync(env.docker, ['info'], { stdio: 'ignore' }).status === 0) {
      return;
    }
    spawnSync('sleep', ['1']);
  }
  throw new Error('dockerd did not answer within 60 s of its restart (see .e2e/logs/dockerd.log)');
}

/**
 * The build records of an image (record-build.sh): stage → the random id of the run that
 * compiled it. A stage served from a cache keeps the id of the run that made it.
 */
export function buildRecords(env: E2eEnvironment, reference: string, recordsDir: string): Record<string, { build: string; seconds: number }> {
  const text = run(`build records of ${reference}`, env.docker, ['run', '--rm', reference, 'bash', '-c', `cat ${recordsDir}/*.txt`]).stdout;
  const records: Record<string, { build: string; seconds: number }> = {};
  for (const block of text.split(/(?=^stage=)/m).filter((b) => b.trim() !== '')) {
    const fields = Object.fromEntries(block.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    records[fields.stage] = { build: fields.build, seconds: Number(fields.seconds) };
  }
  return records;
}
