import { DEBIAN_12, DEBIAN_12_GCC, manylinux2014, manylinux_2_28, manylinux_2_31, manylinux_2_34, manylinux_2_36, musllinux_1_2 } from '../policies';
import { dataFiles, imageEnv, lines, spec } from './helpers/spec';

describe('per-image data files', () => {
  test('each family installs its own package names', () => {
    const runtime = (s: ReturnType<typeof spec>) => lines(dataFiles(s)['packages/runtime.txt']);
    expect(runtime(spec(manylinux_2_28, 'x86_64'))).toEqual(expect.arrayContaining(['glibc-devel', 'zlib-devel', 'libffi', 'glibc-langpack-en', 'gcc-toolset-14-gcc']));
    expect(runtime(spec(manylinux_2_31, 'armv7l'))).toEqual(expect.arrayContaining(['libc6-dev', 'zlib1g-dev', 'locales', 'libffi7', 'libssl1.1', 'gfortran']));
    expect(runtime(spec(musllinux_1_2, 'x86_64'))).toEqual(expect.arrayContaining(['musl-dev', 'zlib-dev', 'libffi', 'shadow', 'g++']));
    expect(runtime(spec(musllinux_1_2, 'x86_64'))).not.toContain('glibc-devel');
    expect(lines(dataFiles(spec(musllinux_1_2, 'x86_64'))['packages/bootstrap.txt'])).toEqual(['bash']);
    expect(lines(dataFiles(spec(manylinux_2_28, 'x86_64'))['packages/bootstrap.txt'])).toEqual([]);
  });

  test('release-specific packages come from the base image record', () => {
    const runtime = (s: ReturnType<typeof spec>) => lines(dataFiles(s)['packages/runtime.txt']);
    expect(runtime(spec(manylinux2014, 'x86_64'))).toEqual(expect.arrayContaining(['libXft', 'libidn', 'devtoolset-10-gcc']));
    expect(runtime(spec(manylinux2014, 'x86_64'))).not.toContain('tk');
    expect(runtime(spec(manylinux_2_34, 'x86_64'))).toEqual(expect.arrayContaining(['tk', 'libxcrypt-compat']));
    expect(lines(dataFiles(spec(manylinux_2_31, 'armv7l'))['packages/build.txt'])).toContain('linux-headers-generic');
    expect(lines(dataFiles(spec(manylinux_2_36, 'x86_64', { baseImage: DEBIAN_12, toolchain: DEBIAN_12_GCC }))['packages/build.txt']))
      .toEqual(expect.arrayContaining(['linux-libc-dev', 'libssl-dev']));
  });

  test('extra packages join the runtime set', () => {
    expect(lines(dataFiles(spec(manylinux_2_28, 'x86_64', { extraPackages: ['libxml2-devel'] }))['packages/runtime.txt']).at(-1)).toBe('libxml2-devel');
  });

  test('quirks are data: yum basearch on CentOS 7 i686, bash on musl, the x86-64-v2 baseline, armv7l configure triple', () => {
    expect(imageEnv(spec(manylinux2014, 'i686')).YUM_BASEARCH).toBe('i386');
    expect(imageEnv(spec(manylinux2014, 'x86_64')).YUM_BASEARCH).toBe('');
    expect(imageEnv(spec(manylinux2014, 'x86_64'))).toMatchObject({ VAULT_FROM: 'mirror.centos.org', VAULT_TO: 'vault.centos.org' });
    expect(imageEnv(spec(musllinux_1_2, 'aarch64')).DEFAULT_SHELL).toBe('/bin/bash');
    expect(imageEnv(spec(manylinux_2_28, 'aarch64')).DEFAULT_SHELL).toBe('');
    expect(imageEnv(spec(manylinux_2_34, 'x86_64')).X86_64_BASELINE).toBe('x86-64-v2');
    expect(imageEnv(spec(manylinux_2_34, 'aarch64')).X86_64_BASELINE).toBe('');
    expect(imageEnv(spec(manylinux_2_28, 'x86_64')).X86_64_BASELINE).toBe('');
    expect(imageEnv(spec(manylinux_2_31, 'armv7l')).CPYTHON_BUILD).toBe('armv7l-unknown-linux-gnueabihf');
    expect(imageEnv(spec(musllinux_1_2, 'armv7l')).CPYTHON_BUILD).toBe('arm-linux-musleabihf');
    expect(dataFiles(spec(musllinux_1_2, 'armv7l')).linux32).toBe('armv7l\n');
    expect(dataFiles(spec(musllinux_1_2, 'aarch64')).linux32).toBeUndefined();
  });

  test('per-arch interpreter rules: PyPy on x86_64/aarch64/i686 glibc only, GraalPy not on i686', () => {
    const rows = (s: ReturnType<typeof spec>) => lines(dataFiles(s)['interpreters.tsv']).map((line) => line.split('\t'));
    const tags = (s: ReturnType<typeof spec>) => rows(s).map((r) => r[0]);
    expect(tags(spec(manylinux_2_28, 'x86_64'))).toEqual(expect.arrayContaining(['pp311-pypy311_pp73', 'graalpy312-graalpy250_312_native']));
    expect(tags(spec(manylinux_2_28, 'i686'))).toContain('pp39-pypy39_pp73');
    expect(tags(spec(manylinux_2_28, 'i686'))).not.toContain('graalpy311-graalpy242_311_native');
    expect(tags(spec(manylinux_2_28, 'ppc64le')).every((t) => t.startsWith('cp'))).toBe(true);
    expect(tags(spec(musllinux_1_2, 'x86_64')).every((t) => t.startsWith('cp'))).toBe(true);
    const pypy = rows(spec(manylinux_2_28, 'aarch64')).find((r) => r[0] === 'pp311-pypy311_pp73')!;
    expect(pypy).toEqual(['pp311-pypy311_pp73', 'pypy', '7.3.23', '3.11', 'false', 'true',
      'https://downloads.python.org/pypy/pypy3.11-v7.3.23-aarch64.tar.bz2', '5433ac0ad526aeb35025ef8509bed65cd62ea35cb9e21ac649c69a5eff4eecb6', '']);
    expect(rows(spec(manylinux_2_28, 'x86_64')).find((r) => r[0] === 'pp39-pypy39_pp73')![5]).toBe('false');
  });

  test('every download in the data carries a 64-hex sha256', () => {
    for (const s of [spec(manylinux2014, 'x86_64'), spec(manylinux_2_28, 'i686'), spec(musllinux_1_2, 'riscv64')]) {
      const files = dataFiles(s);
      for (const row of lines(files['sources.tsv']).map((l) => l.split('\t'))) {
        expect([row[0], row[3]]).toEqual([row[0], expect.stringMatching(/^[0-9a-f]{64}$/)]);
      }
      for (const row of lines(files['interpreters.tsv']).map((l) => l.split('\t'))) {
        expect([row[0], row[7]]).toEqual([row[0], expect.stringMatching(/^[0-9a-f]{64}$/)]);
      }
    }
  });

  test('native builds: OpenSSL, curl, libxcrypt and Tcl/Tk only where the base needs them; mirrors as data', () => {
    const names = (s: ReturnType<typeof spec>) => lines(dataFiles(s)['sources.tsv']).map((l) => l.split('\t')[0]);
    expect(names(spec(manylinux2014, 'x86_64')).sort()).toEqual(['curl', 'git', 'libxcrypt', 'mpdecimal', 'openssl', 'sqlite-autoconf', 'tcl', 'tk', 'zstd']);
    expect(names(spec(manylinux_2_28, 'x86_64')).sort()).toEqual(['git', 'mpdecimal', 'sqlite-autoconf', 'zstd']);
    const mirrored = spec(manylinux_2_28, 'x86_64', { sourceMirrors: { zstd: 'https://mirror.example/zstd-1.5.7.tar.gz' } });
    expect(lines(dataFiles(mirrored)['sources.tsv']).find((l) => l.startsWith('zstd'))!.split('\t')[4]).toBe('https://mirror.example/zstd-1.5.7.tar.gz');
  });

  test('uv is left out where it has no wheels', () => {
    const tools = (s: ReturnType<typeof spec>) => lines(dataFiles(s)['tools.tsv']).map((l) => l.split('\t')[0]);
    expect(tools(spec(musllinux_1_2, 's390x'))).not.toContain('uv');
    expect(tools(spec(musllinux_1_2, 'x86_64'))).toContain('uv');
    expect(tools(spec(manylinux_2_28, 's390x'))).toContain('uv');
    expect(lines(dataFiles(spec(manylinux_2_28, 'x86_64'))['tools.tsv'])).toContain('auditwheel\t6.7.0');
  });

  test.each([
    ['rhel', manylinux_2_28, 'x86_64'],
    ['debian', manylinux_2_31, 'armv7l'],
    ['alpine', musllinux_1_2, 'aarch64'],
  ] as const)('snapshot of the %s family data files', (_family, policy, arch) => {
    const files = dataFiles(spec(policy, arch));
    delete files['image.json']; // the same facts as interpreters.tsv
    expect(files).toMatchSnapshot();
  });
});
