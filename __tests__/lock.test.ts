/**
 * The lock command's parts (PEP 440, markers, wheel tags, resolution on recorded PyPI
 * responses), the lock files' inputs, and the committed locks/ against the fleets' images.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkLocks } from '../bin/lib/lock/command';
import { renderLockFile } from '../bin/lib/lock/lock-file';
import { pypiIndex, requiresDistOf } from '../bin/lib/lock/pypi';
import { mergeLockRequests, repositoryImages } from '../bin/lib/lock/requests';
import { parseRequirement, resolveLock } from '../bin/lib/lock/resolve';
import { wheelFits, wheelTags } from '../bin/lib/lock/wheels';
import { LOCKS_DIR, compareVersions, evaluateMarker, imageLockRequests, markerEnvironments, parseMarker, parseVersion, satisfies, lockInputs, lockProblem, locksRoot, renderImageFiles } from '../constructs';
import type { LockEnvironment, LockRequest } from '../constructs';
import { PUBLISHED_POLICIES, TOOLS, policyArches } from '../policies';
import { spec } from './helpers/spec';
import { tempDir } from './helpers/fleet';

const v = (text: string) => parseVersion(text)!;
const env = (python: string, platform: string, implementation: LockEnvironment['implementation'] = 'cpython'): LockEnvironment => ({ python, implementation, platform });

describe('PEP 440', () => {
  test('orders dev < pre < final < post and compares release segments numerically', () => {
    const sorted = ['1.0.post1', '1.0', '1.0rc1', '1.0b2', '1.0a1', '1.0.dev3', '0.9.10', '0.9.9', '1.0.1'].map(v).sort(compareVersions).map((x) => x.text);
    expect(sorted).toEqual(['0.9.9', '0.9.10', '1.0.dev3', '1.0a1', '1.0b2', '1.0rc1', '1.0', '1.0.post1', '1.0.1']);
  });

  test('matches specifier sets: ranges, exclusions, wildcards, compatible release', () => {
    expect(satisfies(v('2.4.1'), '>=2.0,<3,!=2.4.0')).toBe(true);
    expect(satisfies(v('2.4.0'), '>=2.0,<3,!=2.4.0')).toBe(false);
    expect(satisfies(v('1.9.4'), '~=1.9.2')).toBe(true);
    expect(satisfies(v('1.10.0'), '~=1.9.2')).toBe(false);
    expect(satisfies(v('3.9.0'), '!=3.9.*')).toBe(false);
    expect(satisfies(v('3.10.0'), '>=3.9,!=3.9.*')).toBe(true);
    expect(satisfies(v('3.0rc1'), '<3')).toBe(false);
  });
});

describe('markers', () => {
  const at = (marker: string, e: LockEnvironment) => markerEnvironments(e).map((vars) => evaluateMarker(parseMarker(marker), vars));

  test('are evaluated for the lock environment at the first and a late patch release of its minor', () => {
    expect(at('python_full_version < "3.10.2"', env('3.10', 'manylinux2014_x86_64'))).toEqual([true, false]);
    expect(at('python_version < "3.11"', env('3.11', 'manylinux2014_x86_64'))).toEqual([false, false]);
    expect(at("implementation_name != 'graalpy'", env('3.12', 'manylinux2014_x86_64', 'graalpy'))).toEqual([false, false]);
    expect(at('platform_machine == "aarch64" and (sys_platform == "linux" or os_name == "nt")', env('3.12', 'musllinux_1_2_aarch64'))).toEqual([true, true]);
    expect(at('extra == "uv"', env('3.12', 'manylinux2014_x86_64'))).toEqual([false, false]);
  });

  test('refuse what they cannot read', () => {
    expect(() => parseMarker('python_version <')).toThrow(/ends early/);
    expect(() => parseRequirement('pkg @ https://example.org/pkg.whl')).toThrow(/unsupported requirement/);
  });
});

describe('wheel tags', () => {
  const fits = (file: string, e: LockEnvironment) => wheelFits(wheelTags(file)!, e);

  test('a wheel fits an image of its libc and arch whose libc is not older, and its Python', () => {
    expect(fits('cmake-4.3.4-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', env('3.12', 'manylinux_2_28_x86_64'))).toBe(true);
    expect(fits('uv-0.11.24-py3-none-manylinux_2_28_aarch64.whl', env('3.12', 'manylinux2014_aarch64'))).toBe(false);
    expect(fits('uv-0.11.24-py3-none-musllinux_1_1_aarch64.whl', env('3.12', 'manylinux_2_28_aarch64'))).toBe(false);
    expect(fits('tomli-2.5.0-cp311-cp311-manylinux_2_17_x86_64.whl', env('3.12', 'manylinux_2_28_x86_64'))).toBe(false);
    expect(fits('x-1-cp38-abi3-manylinux_2_17_x86_64.whl', env('3.12', 'manylinux_2_28_x86_64'))).toBe(true);
    expect(fits('pip-26.3-py3-none-any.whl', env('3.11', 'musllinux_1_2_riscv64', 'pypy'))).toBe(true);
  });
});

describe('resolution on recorded PyPI responses', () => {
  const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'pypi', 'build-py39.json'), 'utf8'));
  const index = pypiIndex(async (url) => {
    const response = fixture.responses[url];
    if (!response) {
      throw new Error(`not recorded: ${url}`);
    }
    return response.base64 ? Buffer.from(response.base64, 'base64') : Buffer.from(JSON.stringify(response));
  });
  const request: LockRequest = {
    file: 'python/3.9.txt', python: '3.9', requirements: ['build', 'packaging'],
    environments: [env('3.9', 'manylinux2014_x86_64'), env('3.9', 'musllinux_1_2_aarch64', 'pypy')],
  };

  test('picks the newest release that supports Python 3.9, with the dependencies its markers select', async () => {
    const packages = await resolveLock(request, index);
    expect(packages.map((p) => [p.name, p.version, p.marker])).toEqual([
      ['build', '1.4.4', ''],
      ['importlib-metadata', '8.7.1', 'python_full_version < "3.10.2"'],
      ['packaging', '26.3', ''],
      ['pyproject-hooks', '1.3.3', ''],
      ['tomli', '2.5.0', 'python_version < "3.11"'],
      ['zipp', '3.23.1', 'python_full_version < "3.10.2"'],
    ]);
    // build 1.4.4's wheel, sha256 as PyPI lists it (also in pypa/manylinux@ad3c453 requirements3.9.txt)
    expect(packages[0].hashes).toEqual(['8c3f48a6090b39edec1a273d2d57949aaf13723b01e02f9d518396887519f64d']);
    // tomli: of its many wheels (other Pythons, other arches) only those for these targets are locked
    const tomli = fixture.responses['https://pypi.org/pypi/tomli/json'].releases['2.5.0'] as { filename: string; digests: { sha256: string } }[];
    const expected = tomli.filter((f) => /-(py3-none-any|cp39-cp39-manylinux[^-]*x86_64[^-]*)\.whl$/.test(f.filename)).map((f) => f.digests.sha256).sort();
    expect(tomli.length).toBeGreaterThan(expected.length + 10);
    expect(packages.find((p) => p.name === 'tomli')!.hashes).toEqual(expected);
  });

  test('writes a requirements file pip reads, whose header records the inputs', async () => {
    const text = renderLockFile(request, await resolveLock(request, index));
    expect(text).toContain('zipp==3.23.1 ; python_full_version < "3.10.2" \\\n    --hash=sha256:');
    expect(lockInputs(text)).toEqual({ python: '3.9', requirements: ['build', 'packaging'], environments: ['cpython manylinux2014_x86_64', 'pypy musllinux_1_2_aarch64'] });
  });

  test('fails naming the package and the environments when no release has a wheel for them', async () => {
    await expect(resolveLock({ ...request, requirements: ['build==1.4.4', 'tomli<1'] }, index))
      .rejects.toThrow(/no release of tomli \(<1,>=1.1.0\) has a wheel for Python 3.9 cpython manylinux2014_x86_64/);
  });

  test('reads Requires-Dist from core metadata, continuation lines included', () => {
    expect(requiresDistOf('Name: x\nRequires-Dist: a>=1\nRequires-Dist: b;\n  python_version < "3.11"\n\nRequires-Dist: body')).toEqual(['a>=1', 'b; python_version < "3.11"']);
  });
});

describe('lock files of an image', () => {
  const header = (request: LockRequest) => renderLockFile(request, []);
  const request: LockRequest = { file: 'tools/3.12/cmake.txt', python: '3.12', requirements: ['cmake==4.3.4'], environments: [env('3.12', 'manylinux_2_28_x86_64')] };

  test('a lock serves an image of a newer libc on the same arch, not an older one or another arch', () => {
    const locked = header({ ...request, environments: [env('3.12', 'manylinux2014_x86_64')] });
    expect(lockProblem(request, locked)).toBeUndefined();
    expect(lockProblem(request, header({ ...request, environments: [env('3.12', 'manylinux_2_34_x86_64')] }))).toMatch(/does not cover cpython manylinux_2_28_x86_64/);
    expect(lockProblem(request, header({ ...request, environments: [env('3.12', 'manylinux_2_28_aarch64')] }))).toMatch(/does not cover/);
    expect(lockProblem(request, header({ ...request, requirements: ['cmake==4.3.3'] }))).toMatch(/is stale: it locks cmake==4.3.3/);
    expect(lockProblem(request, undefined)).toBe('is missing');
  });

  test('every published image installs pip/build/packaging per Python minor and each tool from a lock file in its context', () => {
    for (const policy of PUBLISHED_POLICIES) {
      for (const arch of policyArches(policy)) {
        const s = spec(policy, arch);
        const files = renderImageFiles(s).map((f) => f.path);
        const minors = [...new Set(s.interpreters.map((i) => i.interpreter.pythonVersion))];
        expect(files).toEqual(expect.arrayContaining(minors.map((m) => `${LOCKS_DIR}/python/${m}.txt`)));
        expect(files).toEqual(expect.arrayContaining([...s.tools.filter((t) => t.name !== 'pipx').map((t) => t.name), 'base'].map((n) => `${LOCKS_DIR}/tools/3.12/${n}.txt`)));
        expect(imageLockRequests(s).length).toBe(minors.length + s.tools.length);
      }
    }
  });

  test('an image receives its locks without the environment lines: another image joining a lock without new wheels leaves its hash alone', () => {
    const s = spec(PUBLISHED_POLICIES.find((p) => p.name === 'manylinux_2_28')!, 'x86_64');
    const lock = renderImageFiles(s).find((f) => f.path === `${LOCKS_DIR}/python/3.12.txt`)!;
    const committed = fs.readFileSync(path.join(locksRoot(), 'python', '3.12.txt'), 'utf8');
    expect(committed).toContain('# environment: cpython manylinux_2_28_x86_64\n');
    expect(String(lock.content)).toBe(committed.replace(/^# environment: .*\n/gm, ''));
    expect(String(lock.content)).toMatch(/^# requirement: pip /m);
    expect(String(lock.content)).toMatch(/--hash=sha256:[0-9a-f]{64}/);
  });

  test('the scripts install every lock with --require-hashes and wheels only', () => {
    const scripts = path.join(__dirname, '..', 'image-scripts');
    const installs = ['install-python-packaging.sh', 'finalize.sh'].flatMap((f) => fs.readFileSync(path.join(scripts, f), 'utf8').split('\n'))
      .filter((l) => /-m pip( --python \S+)? (install|download)|^\s*pipx install/.test(l));
    expect(installs.length).toBeGreaterThanOrEqual(4);
    for (const line of installs) {
      expect(line).toMatch(/--require-hashes|"\$\{hashed\[@\]\}"|--no-index/);
    }
  });

  test('fails at synth when a lock file is missing, naming the image and the fix', () => {
    const s = spec(PUBLISHED_POLICIES[0], policyArches(PUBLISHED_POLICIES[0])[0], { toolsPython: '3.14' });
    expect(() => renderImageFiles(s)).toThrow(/^manylinux2014_\w+: lock file locks\/tools\/3.14\/base.txt is missing; run `npm run fleet -- lock` and commit the lock files/);
  });
});

describe('the committed locks/', () => {
  test('are up to date with every image of the published and e2e fleets (lock --check)', () => {
    expect(checkLocks(locksRoot(), mergeLockRequests(repositoryImages()))).toEqual([]);
  });

  test('lock --check reports a stale, a missing and an unneeded file', () => {
    const dir = tempDir('locks-');
    fs.cpSync(locksRoot(), dir, { recursive: true });
    fs.rmSync(path.join(dir, 'python', '3.9.txt'));
    fs.writeFileSync(path.join(dir, 'python', '2.7.txt'), '# python: 2.7\n');
    const cmake = path.join(dir, 'tools', '3.12', 'cmake.txt');
    fs.writeFileSync(cmake, fs.readFileSync(cmake, 'utf8').replace('# requirement: cmake==', '# requirement: cmake==0.'));
    expect(checkLocks(dir, mergeLockRequests(repositoryImages())).sort()).toEqual([
      'python/2.7.txt is not needed by any image',
      'python/3.9.txt is missing',
      expect.stringMatching(/^tools\/3.12\/cmake.txt is stale: it locks cmake==0.4.3.4 for Python 3.12, the image needs cmake==4.3.4/),
    ]);
    expect(TOOLS.find((t) => t.name === 'cmake')!.version).toBe('4.3.4');
  });
});
