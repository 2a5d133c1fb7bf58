/**
 * `npm run fleet -- <command>`: read-only views of the fleet (no Terraform, no Docker).
 *
 *   list [--json] [--manifest cdktf.out/fleet.json]
 *   diff <base fleet.json> <head fleet.json> [--format markdown|json]
 *   docs [--check] [--readme README.md]
 *   lock [--check] [--dir locks]
 *   sbom <image id> [--dir cdktf.out]
 *   update tools [--check] [--diff-file fleet-diff.md]
 *   update bases [--check] [--manifest fleet.json] [--lock locks/bases.json]
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, BASE_LOCK_FILE, locksRoot, readBaseLock, renderSbom, SBOM_DIR, toManifest } from '../constructs';
import type { FleetManifest } from '../constructs';
import { defineFleet } from '../main';
import { credentialsFromEnvironment, fleetBases, updateBases } from './lib/bases/command';
import { diffManifests, renderDiffJson, renderDiffMarkdown, sbomComponents } from './lib/diff';
import { outdated, updateTools } from './lib/update/command';
import type { FleetState } from './lib/update/command';
import { renderSections, updateDocument } from './lib/docs';
import { listRows, renderList } from './lib/list';
import { checkLocks, lockCheckError, writeLocks } from './lib/lock/command';
import { pypiIndex } from './lib/lock/pypi';
import { mergeLockRequests, repositoryImages } from './lib/lock/requests';
import { CliError, readManifest, readSbomComponents } from './lib/manifest-io';

const ROOT = path.join(__dirname, '..');

/**
 * The default fleet's manifest, from the typed model in-process: nothing is synthesized (cdktf's
 * App makes its output folder, so it gets an empty scratch one).
 */
export function defaultManifest(): FleetManifest {
  return defaultFleetState().manifest;
}

/** The default fleet's manifest and each image's SBOM components, in-process (as defaultManifest). */
export function defaultFleetState(): FleetState {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-model-'));
  try {
    const fleet = defineFleet(new App({ outdir }));
    return {
      manifest: toManifest(fleet.model),
      components: fleet.images.map((image) => [image.imageId, [...sbomComponents(
        renderSbom({ spec: image.spec, specHash: image.specHash, created: '1970-01-01T00:00:00Z' }) as Parameters<typeof sbomComponents>[0],
      )]]),
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

export function buildProgram(out: (text: string) => void): Command {
  const program = new Command('fleet')
    .description('Read-only views of the manylinux fleet')
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: (text) => process.stderr.write(text) });

  program.command('list')
    .description('the fleet as a table: id, base, toolchain, interpreters, runner')
    .option('--json', 'print JSON instead of a table')
    .option('--manifest <file>', 'fleet.json to read', path.join(ROOT, 'cdktf.out', 'fleet.json'))
    .action((options: { json?: boolean; manifest: string }) => {
      const manifest = readManifest(options.manifest);
      out(options.json ? `${JSON.stringify(listRows(manifest), null, 2)}\n` : renderList(manifest));
    });

  program.command('diff')
    .description('images added, removed and changed between two fleet.json files')
    .argument('<base>', 'fleet.json of the base')
    .argument('<head>', 'fleet.json of the head')
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .action((base: string, head: string, options: { format: 'markdown' | 'json' }) => {
      const diff = diffManifests(readManifest(base), readManifest(head), { base: readSbomComponents(base), head: readSbomComponents(head) });
      out(options.format === 'json' ? renderDiffJson(diff) : renderDiffMarkdown(diff));
    });

  program.command('docs')
    .description('write the README sections generated from the fleet (matrix, compatibility, interpreters)')
    .option('--check', 'fail when the README sections are stale instead of writing them')
    .option('--readme <file>', 'the file to update', path.join(ROOT, 'README.md'))
    .action((options: { check?: boolean; readme: string }) => {
      const current = fs.readFileSync(options.readme, 'utf8');
      const updated = updateDocument(current, renderSections(defaultManifest()));
      if (options.check) {
        if (updated !== current) {
          throw new CliError(`${options.readme}: generated sections are stale; run npm run fleet -- docs`);
        }
        out(`${options.readme}: generated sections are up to date\n`);
      } else if (updated !== current) {
        fs.writeFileSync(options.readme, updated);
        out(`${options.readme}: generated sections written\n`);
      } else {
        out(`${options.readme}: already up to date\n`);
      }
    });
  program.command('lock')
    .description('write the lock files (pip, build, packaging per Python minor; each tool) from PyPI\'s JSON API')
    .option('--check', 'fail when a lock file is missing, stale or unneeded (offline) instead of writing them')
    .option('--dir <dir>', 'the lock folder', locksRoot())
    .action(async (options: { check?: boolean; dir: string }) => {
      const requests = mergeLockRequests(repositoryImages());
      if (options.check) {
        const problems = checkLocks(options.dir, requests);
        if (problems.length > 0) {
          throw lockCheckError(options.dir, problems);
        }
        out(`${options.dir}: ${requests.length} lock files up to date\n`);
      } else {
        await writeLocks(options.dir, requests, pypiIndex(), out);
      }
    });
  program.command('sbom')
    .description('print the SPDX 2.3 SBOM synth wrote for an image')
    .argument('<image>', 'image id, e.g. manylinux_2_28_s390x')
    .option('--dir <dir>', 'the synth output folder', path.join(ROOT, 'cdktf.out'))
    .action((id: string, options: { dir: string }) => {
      const dir = path.join(options.dir, SBOM_DIR);
      const file = path.join(dir, `${id}.spdx.json`);
      if (!fs.existsSync(file)) {
        const known = fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => f.replace(/\.spdx\.json$/, '')).sort() : [];
        throw new CliError(`${file}: no SBOM for image '${id}' (${known.length ? `images: ${known.join(', ')}` : 'none written yet'}); run npx cdktf synth`);
      }
      out(fs.readFileSync(file, 'utf8'));
    });
  const update = program.command('update').description('update pins from their sources');
  update.command('tools')
    .description('move the tool pins to the newest releases PyPI offers for every image, regenerate the locks, print the fleet diff')
    .option('--check', 'fail when a pin or a locked package is older than the update would write, instead of writing')
    .option('--diff-file <file>', 'also write the fleet diff (Markdown) to this file')
    .action(async (options: { check?: boolean; diffFile?: string }) => {
      const requests = mergeLockRequests(repositoryImages());
      const today = new Date().toISOString().slice(0, 10);
      if (options.check) {
        const problems = await outdated(requests, locksRoot(), pypiIndex(), today);
        if (problems.length > 0) {
          throw new CliError(`${problems.length} pin(s) out of date:\n  ${problems.join('\n  ')}\nrun npm run fleet -- update tools`);
        }
        out('every tool pin and locked package is the newest PyPI offers for the fleets\n');
      } else {
        await updateTools(requests, defaultFleetState(), pypiIndex(), {
          root: ROOT, pinsFile: path.join(ROOT, 'policies', 'tool-pins.json'), today, diffFile: options.diffFile,
        }, out);
      }
    });
  update.command('bases')
    .description('pin every base image reference, per architecture, to its platform manifest digest (registry HTTP API)')
    .option('--check', 'fail when a base is unpinned, its tag has moved or the lock names a base no image uses, instead of writing the lock')
    .option('--manifest <file>', 'take the bases from this fleet.json instead of the default fleet')
    .option('--lock <file>', 'the base lock', path.join(locksRoot(), BASE_LOCK_FILE))
    .action(async (options: { check?: boolean; manifest?: string; lock: string }) => {
      const manifest = options.manifest ? readManifest(options.manifest) : defaultManifest();
      await updateBases(readBaseLock(options.lock), fleetBases(manifest), {
        lockFile: options.lock, check: options.check ?? false, today: new Date().toISOString().slice(0, 10),
        credentials: credentialsFromEnvironment(),
      }, out);
    });
  return program;
}

/** Runs the CLI; returns the exit code (0 ok, 2 error). */
export async function main(argv: readonly string[], out: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  try {
    await buildProgram(out).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CliError || error instanceof InvalidArgumentError) {
      process.stderr.write(`fleet: ${error.message}\n`);
      return 2;
    }
    const code = (error as { code?: string; exitCode?: number }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      return code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : 2;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
    process.stderr.write(`fleet: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
