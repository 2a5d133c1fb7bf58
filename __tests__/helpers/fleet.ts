import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, ImageFleet, Testing } from '../../constructs';
import type { ImageFleetProps } from '../../constructs';

const made: string[] = [];
process.on('exit', () => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A temporary folder removed at process exit. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A fresh app (Testing defaults, output in a temp folder) and fleet. */
export function newFleet(props: ImageFleetProps = {}): { app: App; fleet: ImageFleet } {
  const app = Testing.app({ outdir: tempDir('out-') });
  const fleet = new ImageFleet(app, 'fleet', props);
  return { app, fleet };
}

/** Parses a stack's synthesized Terraform JSON. */
export function synthJson(stack: Parameters<typeof Testing.synth>[0]): any {
  return JSON.parse(Testing.synth(stack));
}
