import * as fs from 'fs';
import * as path from 'path';

/** One file of a build context. */
export interface ContextFile {
  /** Relative POSIX path inside the context. */
  readonly path: string;
  /** Unix permission bits. */
  readonly mode: number;
  readonly content: string | Buffer;
}

/** The folder holding the scripts that run inside images (copied into every context). */
const IMAGE_SCRIPTS_DIR = path.join(findProjectRoot(__dirname), 'image-scripts');

/** The repository root (the folder holding image-scripts/). */
export function projectRoot(): string {
  return path.dirname(IMAGE_SCRIPTS_DIR);
}

let scriptCache: ContextFile[] | undefined;

/** Every file under image-scripts/, sorted by path (read once per process). */
export function readScripts(): readonly ContextFile[] {
  if (scriptCache === undefined) {
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.name !== '__pycache__')
      .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
    scriptCache = walk(IMAGE_SCRIPTS_DIR).map((file) => ({
      path: path.relative(IMAGE_SCRIPTS_DIR, file).split(path.sep).join('/'),
      mode: (fs.statSync(file).mode & 0o111) !== 0 ? 0o755 : 0o644,
      content: fs.readFileSync(file, 'utf8'),
    })).sort(byPath);
  }
  return scriptCache;
}

/** Orders context files by path. */
export function byPath(a: ContextFile, b: ContextFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Writes the files of a build context into `dir` (made, or emptied first). */
export function writeContext(dir: string, files: readonly ContextFile[]): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const destination = path.join(dir, ...file.path.split('/'));
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    fs.writeFileSync(destination, file.content, { mode: file.mode });
    if (file.mode & 0o111) {
      fs.chmodSync(destination, file.mode); // the umask may have dropped exec bits
    }
  }
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
