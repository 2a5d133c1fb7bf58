import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderDockerfile } from '../dockerfile';
import { BUILD_ARCHIVE } from '../dockerfile-stages';
import { renderImageData } from '../image-data';
import type { ImageSpec } from './image-spec';
import { createTarFromParts, tarEntries } from './tar';

/** One file of a build context. */
export interface ContextFile {
  /** Relative POSIX path inside the context. */
  readonly path: string;
  /** Unix permission bits. */
  readonly mode: number;
  readonly content: string | Buffer;
}

/** The folder holding the scripts that run inside images (copied into every context). */
export const IMAGE_SCRIPTS_DIR = path.join(findProjectRoot(__dirname), 'image-scripts');



/** The files the image's build/ folder receives (every script and the data files), sorted by path. */
export function renderBuildFiles(spec: ImageSpec): ContextFile[] {
  const files: ContextFile[] = [
    ...renderImageData(spec).map((file) => ({ ...file, mode: 0o644 })),
    ...readScripts(),
    ...(spec.buildCaCertificates ? [{ path: 'build-ca.pem', mode: 0o644, content: spec.buildCaCertificates }] : []),
  ];
  return files.sort(byPath);
}

/**
 * Renders an image's build context: the Dockerfile and the archive of its build files. The
 * archive holds the scripts (the same for every image, archived once per process) followed by
 * the image's own files.
 */
export function renderBuildContext(spec: ImageSpec): ContextFile[] {
  const own = renderBuildFiles(spec).filter((file) => !readScripts().includes(file));
  scriptArchive ??= tarEntries(readScripts());
  return [
    { path: BUILD_ARCHIVE, mode: 0o644, content: createTarFromParts(scriptArchive, own) },
    { path: 'Dockerfile', mode: 0o644, content: renderDockerfile(spec) },
  ];
}

let scriptArchive: Buffer | undefined;

function byPath(a: ContextFile, b: ContextFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * sha256 over the sorted relative path, mode and content of every file. No absolute path and
 * no timestamp enters it, so the same inputs give the same hash on every machine.
 */
export function computeSpecHash(files: readonly ContextFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort(byPath)) {
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
  fs.mkdirSync(root, { recursive: true });
  const staging = fs.mkdtempSync(path.join(root, `.${specHash.slice(0, 12)}-`));
  const made = new Set<string>([staging]);
  for (const file of files) {
    const destination = path.join(staging, ...file.path.split('/'));
    const dir = path.dirname(destination);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    fs.writeFileSync(destination, file.content, { mode: file.mode });
    if (file.mode & 0o111) {
      fs.chmodSync(destination, file.mode); // the umask may have dropped exec bits
    }
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

/**
 * Default folder for rendered contexts: a scratch cache outside the project (cdktf.out stays
 * the only output), in RAM (/dev/shm) where there is one, since creating many small folders on
 * disk dominates synth time for large fleets.
 */
export function defaultContextRoot(): string {
  const ram = '/dev/shm';
  const base = fs.existsSync(ram) && isWritableDir(ram) ? ram : os.tmpdir();
  return path.join(base, `manylinux-fleet-contexts-${os.userInfo().uid}`);
}

function isWritableDir(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

let scriptCache: ContextFile[] | undefined;

/** Every file under image-scripts/ (read once per process). */
export function readScripts(): ContextFile[] {
  if (scriptCache === undefined) {
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.name !== '__pycache__')
      .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
    scriptCache = walk(IMAGE_SCRIPTS_DIR).map((file) => ({
      path: path.relative(IMAGE_SCRIPTS_DIR, file).split(path.sep).join('/'),
      mode: (fs.statSync(file).mode & 0o111) !== 0 ? 0o755 : 0o644,
      content: fs.readFileSync(file, 'utf8'),
    }));
  }
  return scriptCache;
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
