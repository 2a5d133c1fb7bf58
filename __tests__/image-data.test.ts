import { LAYOUT, renderTable } from '../constructs';
import {
  DEBIAN_12, DEBIAN_12_GCC, INTERPRETERS, TOOLS, interpreterHasArch, manylinux2014, manylinux_2_28, manylinux_2_31, manylinux_2_34,
  manylinux_2_36, musllinux_1_2,
} from '../policies';
import { dataFiles, imageEnv, lines, spec, tableRows } from './helpers/spec';

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

  test('image.env carries the whole in-image layout, from the one layout table', () => {
    const env = imageEnv(spec(manylinux_2_28, 'aarch64'));
    for (const [key, value] of Object.entries(LAYOUT)) {
      expect([key, env[key]]).toEqual([key, value]);
    }
  });

  test('quirks are data: yum basearch on CentOS 7 i686, bash on musl, the gcc wrapper, linux32, armv7l configure triple', () => {
    expect(imageEnv(spec(manylinux2014, 'i686')).YUM_BASEARCH).toBe('i386');
    expect(imageEnv(spec(manylinux2014, 'x86_64')).YUM_BASEARCH).toBe('');
    expect(imageEnv(spec(manylinux2014, 'x86_64'))).toMatchObject({ MIRROR_VAULT_FROM: 'http://mirror.centos.org', MIRROR_VAULT_TO: 'https://vault.centos.org', REPLACE_SYSTEM_LIBCRYPT: 'true' });
    expect(imageEnv(spec(manylinux_2_28, 'x86_64'))).toMatchObject({ MIRROR_VAULT_FROM: '', MIRROR_PATH_FROM: '', REPLACE_SYSTEM_LIBCRYPT: 'false' });
    expect(imageEnv(spec(musllinux_1_2, 'aarch64')).DEFAULT_SHELL).toBe('/bin/bash');
    expect(imageEnv(spec(manylinux_2_28, 'aarch64')).DEFAULT_SHELL).toBe('');
    expect(imageEnv(spec(manylinux_2_34, 'x86_64')).GCC_WRAPPER).toBe('true');
    expect(imageEnv(spec(manylinux_2_34, 'aarch64')).GCC_WRAPPER).toBe('false');
    expect(imageEnv(spec(manylinux_2_28, 'x86_64')).GCC_WRAPPER).toBe('false');
    expect(imageEnv(spec(manylinux_2_31, 'armv7l')).CPYTHON_BUILD).toBe('armv7l-unknown-linux-gnueabihf');
    expect(imageEnv(spec(musllinux_1_2, 'armv7l')).CPYTHON_BUILD).toBe('arm-linux-musleabihf');
    expect(imageEnv(spec(musllinux_1_2, 'armv7l')).LINUX32).toBe('true');
    expect(imageEnv(spec(musllinux_1_2, 'aarch64')).LINUX32).toBe('false');
  });

  test('one interpreter table per image, read by column name: the arch and libc decide its rows', () => {
    const tags = (s: ReturnType<typeof spec>) => tableRows(s, 'interpreters.tsv').map((r) => r.tag);
    for (const [policy, arch] of [[manylinux_2_28, 'x86_64'], [manylinux_2_28, 'i686'], [manylinux_2_28, 'ppc64le'], [musllinux_1_2, 'x86_64']] as const) {
      const libc = policy.libc.kind;
      expect(tags(spec(policy, arch))).toEqual(INTERPRETERS.filter((i) => i.libc.includes(libc) && interpreterHasArch(i, arch)).map((i) => i.tag));
    }
    const pypy = tableRows(spec(manylinux_2_28, 'aarch64'), 'interpreters.tsv').find((r) => r.tag === 'pp311-pypy311_pp73')!;
    expect(pypy).toEqual({
      tag: 'pp311-pypy311_pp73', implementation: 'pypy', version: '7.3.23', python_version: '3.11', free_threaded: 'false', installed: 'true',
      prefix: `${LAYOUT.INTERNAL_DIR}/pp311-pypy311_pp73`,
      url: 'https://downloads.python.org/pypy/pypy3.11-v7.3.23-aarch64.tar.bz2', sha256: '5433ac0ad526aeb35025ef8509bed65cd62ea35cb9e21ac649c69a5eff4eecb6', mirror: '',
    });
    const nogil = tableRows(spec(manylinux_2_28, 'x86_64'), 'interpreters.tsv').find((r) => r.tag === 'cp314-cp314t')!;
    expect(nogil).toMatchObject({ free_threaded: 'true', prefix: '/opt/_internal/cpython-3.14.6-nogil' });
    expect(tableRows(spec(manylinux_2_28, 'x86_64'), 'interpreters.tsv').find((r) => r.tag === 'pp39-pypy39_pp73')!.installed).toBe('false');
  });

  test('every download in the data carries a 64-hex sha256', () => {
    for (const s of [spec(manylinux2014, 'x86_64'), spec(manylinux_2_28, 'i686'), spec(musllinux_1_2, 'riscv64')]) {
      for (const row of [...tableRows(s, 'sources.tsv'), ...tableRows(s, 'interpreters.tsv')]) {
        expect([row.name ?? row.tag, row.sha256]).toEqual([row.name ?? row.tag, expect.stringMatching(/^[0-9a-f]{64}$/)]);
      }
    }
  });

  test('native builds: OpenSSL, curl, libxcrypt and Tcl/Tk only where the base needs them; prefixes and mirrors as data', () => {
    const rows = (s: ReturnType<typeof spec>) => tableRows(s, 'sources.tsv');
    expect(rows(spec(manylinux2014, 'x86_64')).map((r) => r.name).sort())
      .toEqual(['autoconf', 'automake', 'curl', 'git', 'libtool', 'libxcrypt', 'mpdecimal', 'openssl', 'sqlite3', 'tcl', 'tk', 'zstd']);
    expect(rows(spec(manylinux_2_28, 'x86_64')).map((r) => r.name).sort()).toEqual(['autoconf', 'automake', 'git', 'libtool', 'mpdecimal', 'sqlite3', 'zstd']);
    const prefixes = Object.fromEntries(rows(spec(manylinux2014, 'x86_64')).map((r) => [r.name, r.prefix]));
    // Upstream's folders: pypa/manylinux@ad3c453:docker/build_scripts/build-{openssl,curl,sqlite3,mpdecimal,zstd,git,tcltk}.sh
    expect(prefixes).toEqual({
      openssl: '/opt/_internal/openssl-3.5', curl: '/opt/_internal/curl-4', sqlite3: '/opt/_internal/sqlite3',
      mpdecimal: '/opt/_internal/mpdecimal-4', zstd: '/opt/_internal/zstd-1',
      git: '/usr/local', libxcrypt: '/usr/local', tcl: '/usr/local', tk: '/usr/local', autoconf: '/usr/local', automake: '/usr/local', libtool: '/usr/local',
    });
    const mirrored = spec(manylinux_2_28, 'x86_64', { sourceMirrors: { zstd: 'https://mirror.example/zstd-1.5.7.tar.gz' } });
    expect(rows(mirrored).find((r) => r.name === 'zstd')!.mirror).toBe('https://mirror.example/zstd-1.5.7.tar.gz');
  });

  test('uv is left out where it has no wheels', () => {
    const tools = (s: ReturnType<typeof spec>) => tableRows(s, 'tools.tsv').map((r) => r.name);
    expect(tools(spec(musllinux_1_2, 's390x'))).not.toContain('uv');
    expect(tools(spec(musllinux_1_2, 'x86_64'))).toEqual(TOOLS.map((t) => t.name));
    expect(tableRows(spec(manylinux_2_28, 'x86_64'), 'tools.tsv')).toContainEqual({ name: 'auditwheel', version: '6.7.0' });
  });

  test('sharedCpython gets a row naming the GIL CPython it is built from and its prefix', () => {
    expect(tableRows(spec(manylinux_2_28, 'x86_64', { sharedCpython: ['3.14'] }), 'shared-cpython.tsv'))
      .toEqual([{ python_version: '3.14', tag: 'cp314-cp314', prefix: '/opt/shared-cpython-3.14' }]);
    expect(tableRows(spec(manylinux_2_28, 'x86_64'), 'shared-cpython.tsv')).toEqual([]);
  });

  test('a table refuses a cell that would break its rows', () => {
    expect(() => renderTable({ columns: ['a', 'b'], rows: [['x\ty', 'z']] })).toThrow(/does not fit the columns a, b/);
    expect(() => renderTable({ columns: ['a', 'b'], rows: [['x']] })).toThrow(/does not fit/);
    expect(renderTable({ columns: ['a', 'b'], rows: [['x', ''], ['y', true]] })).toBe('a\tb\nx\t\ny\ttrue\n');
  });
});
