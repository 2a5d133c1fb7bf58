import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { renderImageBuild } from '../constructs';
import { STAGE_CACHE_FORMAT, stageInputsHash } from '../constructs/image/stage-cache';
import { dockerfileStages } from '../constructs/image/dockerfile-stages';
import { CPYTHON_3_13_DEBIAN, e2eImageOptions } from '../e2e/fleet';
import { SQLITE, manylinux_2_28 } from '../policies';
import { tempDir } from './helpers/fleet';
import { spec } from './helpers/spec';

/** The stage → inputs hash table of an image. */
const hashes = (s: ReturnType<typeof spec>) => Object.fromEntries(renderImageBuild(s, 'localhost:5000').caches.map((c) => [c.stage, c.inputsHash]));

/** The members of one stage's archive, and the rows of a table in it. */
function archive(s: ReturnType<typeof spec>, stage: string): { names: string[]; read: (file: string) => string } {
  const file = renderImageBuild(s, 'localhost:5000').files.find((f) => f.path === `stages/${stage}.tar`)!;
  const dir = tempDir('stage-');
  fs.writeFileSync(path.join(dir, 'a.tar'), file.content);
  return {
    names: execFileSync('tar', ['tf', path.join(dir, 'a.tar')]).toString().split('\n').filter(Boolean).sort(),
    read: (member) => execFileSync('tar', ['xOf', path.join(dir, 'a.tar'), member]).toString(),
  };
}

describe('stage caches', () => {
  test('every stage but the final one is cached, each under a distinct 64-hex hash of its inputs', () => {
    const table = hashes(spec(manylinux_2_28, 'x86_64'));
    expect(Object.keys(table)).toEqual(expect.arrayContaining(['runtime_base', 'build_base', 'build_sqlite3', 'build_cpython', 'build_cp39_cp39', 'build_cp314_cp314t']));
    expect(Object.keys(table)).not.toContain('image');
    expect(Object.values(table).every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(new Set(Object.values(table)).size).toBe(Object.keys(table).length);
  });

  test('a CPython stage unpacks its scripts (and those they source) and its own interpreter row, nothing else', () => {
    // GIVEN the CPython 3.12 stage of an image with nine CPythons
    const { names, read } = archive(spec(manylinux_2_28, 'x86_64'), 'build_cp312_cp312');
    // THEN its archive holds the scripts that stage runs and sources, and its one interpreter
    expect(names).toEqual(['build-cpython.sh', 'cpython-lib.sh', 'cross-lib.sh', 'interpreters.tsv', 'lib.sh', 'manylinux-entrypoint', 'record-build.sh']);
    const rows = read('interpreters.tsv').trimEnd().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^cp312-cp312\tcpython\t3\.12\.\d+\t/);
  });

  test('the runtime base unpacks the install plan and the scripts that run it, but no interpreter, source or tool data', () => {
    const { names } = archive(spec(manylinux_2_28, 'x86_64'), 'runtime_base');
    expect(names).toEqual(expect.arrayContaining(['image.env', 'packages/runtime.txt', 'plan/repositories.txt', 'setup-repositories.sh', 'update-system-packages.sh', 'fixup-mirrors.sh']));
    expect(names.filter((name) => /interpreters|sources|tools|locks\/|finalize|build-cpython/.test(name))).toEqual([]);
  });

  test('swapping one CPython of the e2e manylinux_2_36 image changes that stage only: one stage gone, one new, the others keep their hash', () => {
    // GIVEN the e2e image (CPython 3.9 and 3.11), and the same image with 3.9 swapped for 3.13
    const [options] = e2eImageOptions();
    const [swapped] = e2eImageOptions({ swapCpython: true });
    expect(swapped.interpreters).toContain(CPYTHON_3_13_DEBIAN);
    const before = hashes(spec(options.policy, options.arch, options));
    const after = hashes(spec(swapped.policy, swapped.arch, swapped));
    // THEN every stage both have is unchanged, and only the CPython stages differ
    const common = Object.keys(before).filter((stage) => stage in after);
    expect(common.filter((stage) => before[stage] !== after[stage])).toEqual([]);
    expect(Object.keys(before).filter((stage) => !(stage in after))).toEqual(['build_cp39_cp39']);
    expect(Object.keys(after).filter((stage) => !(stage in before))).toEqual(['build_cp313_cp313']);
    expect(common).toEqual(expect.arrayContaining(['runtime_base', 'build_base', 'build_cpython', 'build_cp311_cp311', 'build_autoconf']));
  });

  test('a native source CPython links changes its stage, the CPython base and every CPython stage, and nothing before them', () => {
    const before = hashes(spec(manylinux_2_28, 'x86_64'));
    const bumped = { ...SQLITE, version: '3.99.0', sha256: 'e'.repeat(64) };
    const nativeBuilds = spec(manylinux_2_28, 'x86_64').nativeBuilds.map((n) => (n.name === 'sqlite3' ? bumped : n));
    const after = hashes(spec(manylinux_2_28, 'x86_64', { nativeBuilds }));
    const changed = Object.keys(before).filter((stage) => before[stage] !== after[stage]).sort();
    const cpythons = Object.keys(before).filter((stage) => /^build_cp\d/.test(stage));
    expect(changed).toEqual(['build_cpython', 'build_sqlite3', ...cpythons].sort());
  });

  test('the way stage images are built is part of every hash: stage images built the old way are never read', () => {
    // GIVEN an image's stages, hashed under today's cache format and under an earlier one
    const s = spec(manylinux_2_28, 'x86_64');
    const stages = dockerfileStages(s);
    const today = hashes(s);
    expect(STAGE_CACHE_FORMAT).toMatch(/^stage-cache 2: /);
    // THEN the hashes the build uses are today's format's, and no stage keeps its hash under another format
    for (const stage of ['runtime_base', 'build_base', 'build_cp312_cp312']) {
      expect(stageInputsHash(stage, stages, new Map(), 'linux/amd64')).not.toBe(stageInputsHash(stage, stages, new Map(), 'linux/amd64', 'stage-cache 1'));
    }
    expect(today.runtime_base).not.toBe(stageInputsHash('runtime_base', stages, new Map(), 'linux/amd64', 'stage-cache 1'));
  });

  test('another base image or platform changes every stage', () => {
    const before = hashes(spec(manylinux_2_28, 'x86_64'));
    const after = hashes(spec(manylinux_2_28, 'x86_64', { baseImage: { ...spec(manylinux_2_28, 'x86_64').base, references: { x86_64: 'registry.example/almalinux:8' } } }));
    expect(Object.keys(before).filter((stage) => before[stage] === after[stage])).toEqual([]);
  });
});
