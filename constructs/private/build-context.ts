import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderDockerfile } from '../dockerfile';
import { renderImageData } from '../image-data';
import type { ImageSpec } from './image-spec';

/** One file of a build context. */
export interface ContextFile {
  /** Relative POSIX path inside the context. */
  readonly path: string;
  /** Unix permission bits. */
  readonly mode: number;
  readonly content: string;
}

/** The folder holding the scripts that run inside images (copied into every context). */
export const IMAGE_SCRIPTS_DIR = path.join(findProjectRoot(__dirname), 'image-scripts');

/** The scripts an image's Dockerfile uses, by file name under image-scripts/. */
const SCRIPTS = ['manylinux-entrypoint'];

/** Renders every file of an image's build context, sorted by path. */
export function renderBuildContext(spec: ImageSpec): ContextFile[] {
  const files: ContextFile[] = [
    { path: 'Dockerfile', mode: 0o644, content: renderDockerfile(spec) },
    ...renderImageData(spec).map((file) => ({ ...file, mode: 0o644 })),
    ...SCRIPTS.map((name) => readScript(name)),
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * sha256 over the sorted relative path, mode and content of every file. No absolute path and
 * no timestamp enters it, so the same inputs give the same hash on every machine.
 */
export function computeSpecHash(files: readonly ContextFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const content = createHash('sha256').update(file.content).digest('hex');
    hash.update(`${file.path}\0${file.mode.toString(8)}\0${content}\n`);
  }
  return hash.digest('hex');
}

/**
 * Writes the files under `<root>/<specHash>` once (content-addressed, so an existing folder is
 * complete and reused) and returns that folder.
 */
export function writeBuildContext(root: string, specHash: string, files: readonly ContextFile[]): string {
  const target = path.join(root, specHash);
  if (fs.existsSync(target)) {
    return target;
  }
  const staging = fs.mkdtempSync(path.join(root, `.${specHash.slice(0, 12)}-`));
  for (const file of files) {
    const destination = path.join(staging, ...file.path.split('/'));
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    fs.writeFileSync(destination, file.content, { mode: file.mode });
    fs.chmodSync(destination, file.mode);
  }
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    // Another process wrote the same content-addressed folder first.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(target)) {
      throw error;
    }
  }
  return target;
}

/** Default folder for rendered contexts, outside the project so cdktf.out stays the only output. */
export function defaultContextRoot(): string {
  const root = path.join(os.tmpdir(), 'manylinux-fleet-contexts');
  fs.mkdirSync(root, { recursive: true });
  return root;
}

const scriptCache = new Map<string, ContextFile>();

function readScript(name: string): ContextFile {
  let cached = scriptCache.get(name);
  if (cached === undefined) {
    const file = path.join(IMAGE_SCRIPTS_DIR, name);
    const executable = (fs.statSync(file).mode & 0o111) !== 0;
    cached = { path: `scripts/${name}`, mode: executable ? 0o755 : 0o644, content: fs.readFileSync(file, 'utf8') };
    scriptCache.set(name, cached);
  }
  return cached;
}

function findProjectRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'image-scripts'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`manylinux-fleet: image-scripts/ not found above ${start}`);
    }
    dir = parent;
  }
  return dir;
}
