/**
 * A deterministic POSIX ustar archive: fixed order, mtime 0, owner root, no extended headers.
 * Same files in, same bytes out, on every machine.
 */

/** One regular file to archive. */
export interface TarEntry {
  /** Relative path, at most 100 bytes. */
  readonly path: string;
  readonly mode: number;
  readonly content: string | Buffer;
}

const BLOCK = 512;

/** Archives the entries in the order given. */
export function createTar(entries: readonly TarEntry[]): Buffer {
  return Buffer.concat([tarEntries(entries), Buffer.alloc(2 * BLOCK)]);
}

/** The archive members of `entries`, without the end-of-archive blocks. */
function tarEntries(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content, 'utf8');
    parts.push(header(entry.path, entry.mode, body.length), body, Buffer.alloc(padding(body.length)));
  }
  return Buffer.concat(parts);
}

function header(name: string, mode: number, size: number): Buffer {
  if (Buffer.byteLength(name) > 100) {
    throw new Error(`tar: path longer than 100 bytes: ${name}`);
  }
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  octal(block, 100, 8, mode);
  octal(block, 108, 8, 0); // uid
  octal(block, 116, 8, 0); // gid
  octal(block, 124, 12, size);
  octal(block, 136, 12, 0); // mtime
  block.fill(' ', 148, 156); // checksum is computed with its own field as spaces
  block.write('0', 156, 1, 'ascii'); // regular file
  block.write('ustar\u0000', 257, 6, 'ascii');
  block.write('00', 263, 2, 'ascii');
  block.write('root', 265, 32, 'ascii');
  block.write('root', 297, 32, 'ascii');
  let sum = 0;
  for (const byte of block) {
    sum += byte;
  }
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return block;
}

function octal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}
