import * as fs from 'fs';
import * as path from 'path';
import {
  ALL_ARCHES, ALL_POLICIES, ARCHITECTURES, BASE_IMAGES, INTERPRETERS, PUBLISHED_POLICIES, TOOLCHAINS, TOOLS, interpreterHasArch,
  policyArches, policyRecipes, runsNatively,
} from '../policies';
import * as catalogue from '../policies';
import type { Arch, SourceArchive } from '../policies';

const POLICY_DIR = path.join(__dirname, '..', 'policies');

describe('policy catalogue', () => {
  test('every policy auditwheel knows is listed once, with a file named as its published name', () => {
    // GIVEN the auditwheel names 2_5 … 2_41 (no 2_25, 2_29, 2_30, 2_32, 2_33) and musllinux 1_1, 1_2
    const expected = ['manylinux_2_5', 'manylinux_2_12', 'manylinux_2_17', 'manylinux_2_24', 'manylinux_2_26', 'manylinux_2_27',
      'manylinux_2_28', 'manylinux_2_31', 'manylinux_2_34', 'manylinux_2_35', 'manylinux_2_36', 'manylinux_2_37', 'manylinux_2_38',
      'manylinux_2_39', 'manylinux_2_40', 'manylinux_2_41', 'musllinux_1_1', 'musllinux_1_2'];
    // THEN
    expect(ALL_POLICIES.map((p) => p.name)).toEqual(expected);
    for (const policy of ALL_POLICIES) {
      expect(fs.existsSync(path.join(POLICY_DIR, `${policy.publishedName}.ts`))).toBe(true);
      expect((catalogue as Record<string, unknown>)[policy.publishedName]).toBe(policy);
    }
  });

  test('legacy aliases map to their PEP 600 names', () => {
    const byPublished = Object.fromEntries(ALL_POLICIES.map((p) => [p.publishedName, p.name]));
    expect(byPublished).toMatchObject({ manylinux1: 'manylinux_2_5', manylinux2010: 'manylinux_2_12', manylinux2014: 'manylinux_2_17' });
  });

  test('priorities fall as libc versions rise, per libc kind', () => {
    for (const kind of ['glibc', 'musl']) {
      const policies = ALL_POLICIES.filter((p) => p.libc.kind === kind);
      const priorities = policies.map((p) => p.priority);
      expect([...priorities].sort((a, b) => b - a)).toEqual(priorities);
      expect(new Set(priorities).size).toBe(priorities.length);
    }
  });

  test('the policy name encodes its libc version', () => {
    for (const policy of ALL_POLICIES) {
      expect(policy.name.replace(/^(many|musl)linux_/, '').replace('_', '.')).toBe(policy.libc.version);
    }
  });

  test('every glibc cap of a policy is at most its libc version', () => {
    for (const policy of ALL_POLICIES.filter((p) => p.libc.kind === 'glibc')) {
      for (const [arch, caps] of Object.entries(policy.symbolVersions)) {
        const [, minor] = caps!.GLIBC!.split('.').map(Number);
        const [, policyMinor] = policy.libc.version.split('.').map(Number);
        // manylinux_2_17 aarch64 lists GLIBC_2.18 (a CentOS 7 backport), the one known exception
        const allowance = policy.name === 'manylinux_2_17' && arch === 'aarch64' ? 1 : 0;
        expect(minor).toBeLessThanOrEqual(policyMinor + allowance);
      }
    }
  });

  test('whitelists only grow from one policy to the next', () => {
    const glibc = ALL_POLICIES.filter((p) => p.libc.kind === 'glibc');
    for (let i = 1; i < glibc.length; i++) {
      expect(glibc[i].libWhitelist).toEqual(expect.arrayContaining([...glibc[i - 1].libWhitelist]));
    }
  });

  test('end-of-life policies carry a date and a reference', () => {
    const eol = ALL_POLICIES.filter((p) => p.status.kind === 'end-of-life').map((p) => p.publishedName);
    expect(eol).toEqual(['manylinux1', 'manylinux2010', 'manylinux_2_24', 'musllinux_1_1']);
    for (const policy of ALL_POLICIES) {
      if (policy.status.kind === 'end-of-life') {
        expect(policy.status.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(policy.status.reference).toMatch(/^pypa\/manylinux#\d+$/);
      }
    }
  });
});

describe('images the policies offer', () => {
  test('the published policies are those with image recipes that are not end of life', () => {
    for (const policy of ALL_POLICIES) {
      const published = policy.images !== undefined && policy.status.kind !== 'end-of-life';
      expect([policy.publishedName, PUBLISHED_POLICIES.includes(policy)]).toEqual([policy.publishedName, published]);
    }
  });

  test('a recipe covers the arches of its base image unless it lists its own', () => {
    for (const policy of ALL_POLICIES) {
      for (const recipe of policy.images ?? []) {
        const arches = recipe.arches ?? Object.keys(recipe.base.references);
        for (const arch of arches) {
          expect([policy.publishedName, arch, policyRecipes(policy)[arch as Arch]?.base.key]).toEqual([policy.publishedName, arch, recipe.base.key]);
        }
        // a list of its own names arches the base really has, and is not merely the base's own list again
        if (recipe.arches) {
          expect(recipe.arches.every((arch) => recipe.base.references[arch] !== undefined)).toBe(true);
          expect([...recipe.arches].sort()).not.toEqual(Object.keys(recipe.base.references).sort());
        }
      }
      expect(policyArches(policy)).toEqual(ALL_ARCHES.filter((arch) => policyRecipes(policy)[arch] !== undefined));
    }
  });

  test('every arch of every policy has a base reference and a toolchain installable on that base', () => {
    for (const policy of ALL_POLICIES) {
      for (const arch of policyArches(policy)) {
        const recipe = policyRecipes(policy)[arch]!;
        expect([policy.publishedName, arch, recipe.base.references[arch]]).toEqual([policy.publishedName, arch, expect.any(String)]);
        expect(recipe.toolchain.availableOn).toContain(recipe.base.key);
        expect(recipe.base.libc).toBe(policy.libc.kind);
        expect(Number(recipe.base.libcVersion.split('.')[1])).toBeLessThanOrEqual(Number(policy.libc.version.split('.')[1]));
        expect(policy.symbolVersions[arch]).toBeDefined();
      }
    }
  });

  test('base image and toolchain records are keyed uniquely and point at each other', () => {
    const keys = BASE_IMAGES.map((b) => b.key);
    expect(new Set(keys).size).toBe(keys.length);
    const names = TOOLCHAINS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const toolchain of TOOLCHAINS) {
      for (const key of toolchain.availableOn) {
        expect(keys).toContain(key);
      }
    }
  });

  test('every architecture maps to one Docker platform and runner', () => {
    const platforms = ALL_ARCHES.map((a) => ARCHITECTURES[a].dockerPlatform);
    expect(new Set(platforms).size).toBe(platforms.length);
    expect(ARCHITECTURES.x86_64.dockerPlatform).toBe('linux/amd64');
    expect(ALL_ARCHES.filter((a) => !runsNatively(ARCHITECTURES[a].runnerArch, a))).toEqual(['ppc64le', 's390x', 'riscv64', 'loongarch64']);
    expect(ALL_ARCHES.filter((a) => ARCHITECTURES[a].linux32)).toEqual(['i686', 'armv7l']);
  });
});

describe('interpreters and tools', () => {
  const archives = (): SourceArchive[] => INTERPRETERS.flatMap((i) => [i.source, ...Object.values(i.binaries ?? {})])
    .filter((a): a is SourceArchive => a !== undefined);

  test('every sha256 is 64 lower-case hex and cites where it was read', () => {
    expect(archives().length).toBeGreaterThanOrEqual(7 + 9 + 4);
    for (const archive of archives()) {
      expect(archive.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(archive.url).toMatch(/^https:\/\//);
      expect(archive.citation).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{7,40}:/);
    }
  });

  test('every sha256 and every version appears once in policies/ (no fact listed twice)', () => {
    const text = fs.readdirSync(POLICY_DIR).map((f) => fs.readFileSync(path.join(POLICY_DIR, f), 'utf8')).join('\n');
    const unique = new Set(archives().map((archive) => archive.sha256));
    for (const sha256 of unique) {
      expect([sha256, text.split(sha256).length - 1]).toEqual([sha256, 1]);
    }
    for (const interpreter of INTERPRETERS.filter((i) => !i.freeThreaded)) {
      expect([interpreter.tag, text.split(`'${interpreter.version}'`).length - 1]).toEqual([interpreter.tag, 1]);
    }
    // tool versions live in tool-pins.json, once each
    for (const tool of TOOLS) {
      const count = text.split(`version: '${tool.version}'`).length - 1 + text.split(`"version": "${tool.version}"`).length - 1;
      expect([tool.name, count]).toEqual([tool.name, 1]);
    }
  });

  test('interpreter tags are unique and follow the /opt/python naming', () => {
    const tags = INTERPRETERS.map((i) => i.tag);
    expect(new Set(tags).size).toBe(tags.length);
    expect(tags).toEqual(expect.arrayContaining(['cp39-cp39', 'cp314-cp314t', 'cp315-cp315t', 'pp311-pypy311_pp73']));
    for (const i of INTERPRETERS.filter((x) => x.implementation === 'cpython')) {
      const nodot = i.pythonVersion.replace('.', '');
      expect(i.tag).toBe(`cp${nodot}-cp${nodot}${i.freeThreaded ? 't' : ''}`);
    }
  });

  test('installed and listable interpreter counts match the upstream images', () => {
    // GIVEN the counts pypa/manylinux tests assert (run_tests.sh): installed / listed
    const count = (arch: Arch, libc: 'glibc' | 'musl') => {
      const fits = INTERPRETERS.filter((i) => i.libc.includes(libc) && interpreterHasArch(i, arch));
      return [fits.filter((i) => i.installedByDefault).length, fits.length];
    };
    // THEN
    expect(count('x86_64', 'glibc')).toEqual([10, 14]);
    expect(count('aarch64', 'glibc')).toEqual([10, 14]);
    expect(count('i686', 'glibc')).toEqual([10, 12]);
    expect(count('ppc64le', 'glibc')).toEqual([9, 9]);
    expect(count('armv7l', 'glibc')).toEqual([9, 9]);
    expect(count('x86_64', 'musl')).toEqual([9, 9]);
  });

  test('tool versions are pinned and cited; uv is excluded where it has no wheels', () => {
    for (const tool of TOOLS) {
      expect(tool.version).toMatch(/^\d+(\.\d+)+$/);
      expect(tool.citation).toMatch(/^pypa\/manylinux@/);
    }
    const uv = TOOLS.find((t) => t.name === 'uv')!;
    expect(uv.excludedOn).toEqual(expect.arrayContaining([{ libc: 'musl', arch: 'ppc64le' }, { arch: 'loongarch64' }]));
  });
});
