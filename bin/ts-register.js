/**
 * `node -r ./bin/ts-register.js main.ts`: runs the TypeScript sources without a build step.
 *
 * Each .ts file is transpiled with sucrase (types stripped, imports to CommonJS; no type check:
 * `npm test` type-checks) and the result is kept in node_modules/.cache, addressed by the
 * sha256 of the source, its path and the sucrase version: an unchanged file is read back
 * instead of transpiled again, and sucrase is loaded only when a file changed.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { addHook } = require('pirates');

const SUCRASE_VERSION = require('sucrase/package.json').version;
const CACHE_DIR = path.join(__dirname, '..', 'node_modules', '.cache', 'manylinux-fleet-ts');
let sucrase;

function transpile(code, filename) {
  const key = crypto.createHash('sha256').update(`${SUCRASE_VERSION}\0${filename}\0${code}`).digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  sucrase ??= require('sucrase');
  const output = sucrase.transform(code, { transforms: ['typescript', 'imports'], filePath: filename, keepUnusedImports: false }).code;
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const staging = `${cached}.${process.pid}`;
    fs.writeFileSync(staging, output);
    fs.renameSync(staging, cached); // atomic: a concurrent reader sees the whole file or none
  } catch {
    // a read-only tree still runs, uncached
  }
  return output;
}

addHook(transpile, { exts: ['.ts'], ignoreNodeModules: true });
