import * as fs from 'fs';
import * as path from 'path';
import { FLEET_SCHEMA_VERSION, SBOM_DIR } from '../../constructs';
import { sbomComponents } from './diff';
import type { Components } from './diff';
import type { FleetManifest } from '../../constructs';

/** A CLI error: printed as one line, exit code 2. */
export class CliError extends Error {}

/** Reads and checks a fleet.json; every failure names the file and what is wrong. */
export function readManifest(file: string): FleetManifest {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)}); run npx cdktf synth to write cdktf.out/fleet.json`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: not JSON (${(error as Error).message})`);
  }
  const manifest = data as Partial<FleetManifest>;
  if (typeof manifest !== 'object' || manifest === null || manifest.schemaVersion !== FLEET_SCHEMA_VERSION) {
    throw new CliError(`${file}: schemaVersion ${JSON.stringify(manifest?.schemaVersion)} is not supported (supported: ${FLEET_SCHEMA_VERSION}); synthesize it with this version of manylinux-fleet`);
  }
  if (typeof manifest.registry !== 'string' || !Array.isArray(manifest.images)) {
    throw new CliError(`${file}: not a fleet manifest (expected "registry" and an "images" array)`);
  }
  for (const [index, image] of manifest.images.entries()) {
    for (const key of ['id', 'specHash', 'base', 'toolchain', 'interpreters', 'tools'] as const) {
      if (image?.[key] === undefined) {
        throw new CliError(`${file}: images[${index}] has no "${key}"`);
      }
    }
  }
  return manifest as FleetManifest;
}

/**
 * The SBOM components of every image whose document synth wrote beside `fleetJson`
 * (`sbom/<image id>.spdx.json`); none when the folder is missing (an older synth).
 */
export function readSbomComponents(fleetJson: string): Map<string, Components> {
  const dir = path.join(path.dirname(fleetJson), SBOM_DIR);
  if (!fs.existsSync(dir)) {
    return new Map();
  }
  return new Map(fs.readdirSync(dir).filter((file) => file.endsWith('.spdx.json')).map((file) => {
    let document: unknown;
    try {
      document = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (error) {
      throw new CliError(`${path.join(dir, file)}: not JSON (${(error as Error).message}); synthesize again`);
    }
    return [file.slice(0, -'.spdx.json'.length), sbomComponents(document as Parameters<typeof sbomComponents>[0])];
  }));
}
