import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { LAYOUT, cpythonPrefix, renderTable, sharedCpythonPrefix } from '../constructs';
import { CPYTHON_3_12 } from '../policies';
import { tempDir } from './helpers/fleet';

const SCRIPTS = path.join(__dirname, '..', 'image-scripts');
/** Every file under image-scripts/ (tests/ and demo/ included), as relative paths. */
const files = fs.readdirSync(SCRIPTS, { recursive: true }).map(String)
  .filter((f) => !f.includes('__pycache__') && fs.statSync(path.join(SCRIPTS, f)).isFile());
const shellScripts = files.filter((f) => /^#!\/(usr\/bin\/env |bin\/)(ba)?sh/.test(fs.readFileSync(path.join(SCRIPTS, f), 'utf8')));
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('scripts that run inside images', () => {
  test('are all shellcheck-clean', () => {
    expect(shellScripts.length).toBeGreaterThanOrEqual(20);
    const result = spawnSync('shellcheck', ['-x', ...shellScripts], { cwd: SCRIPTS, encoding: 'utf8' });
    expect(result.error).toBeUndefined(); // shellcheck must be installed (.ci/run installs it)
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  test('spell no path of the in-image layout: they read it from image.env (one home: layout.ts)', () => {
    const layoutPaths = [...Object.values(LAYOUT), cpythonPrefix(CPYTHON_3_12), sharedCpythonPrefix('3.12')]
      .map((value) => value.replace(/-3\.12.*$|3\.12.*$/, ''));
    for (const file of files) {
      const code = fs.readFileSync(path.join(SCRIPTS, file), 'utf8').split('\n').filter((line) => !/^\s*#/.test(line)).join('\n');
      const spelled = layoutPaths.filter((p) => p !== '/usr/local/bin' && code.includes(p));
      expect([file, spelled]).toEqual([file, []]);
    }
  });

  test('download nothing except through the sha256-checking helpers', () => {
    for (const file of files) {
      const text = fs.readFileSync(path.join(SCRIPTS, file), 'utf8');
      const downloads = text.split('\n').filter((line) => /(^|[;&|(]\s*)(curl|wget)\s+-|urlopen\(/.test(line.trim()) && !line.trim().startsWith('#'));
      const allowed = file === 'lib.sh' ? 1 : file === 'manylinux-interpreters' ? 1 : 0;
      expect([file, downloads.length]).toEqual([file, allowed]);
    }
  });

  describe('fetch_verified (lib.sh)', () => {
    const dir = tempDir('fetch-');
    const archive = path.join(dir, 'source.tar.gz');
    fs.writeFileSync(archive, 'pretend tarball');
    const fetch = (sha: string) => spawnSync('bash', ['-c', `source "${SCRIPTS}/lib.sh" && fetch_verified "file://${archive}" "${sha}" "${dir}/out"`], { encoding: 'utf8' });

    test('accepts a download whose sha256 matches', () => {
      const result = fetch(sha256(archive));
      expect(result.status).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'out'), 'utf8')).toBe('pretend tarball');
    });

    test('stops the build on a sha256 mismatch', () => {
      const result = fetch('0'.repeat(64));
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('sha256 mismatch');
    });

    test('refuses a download without a sha256', () => {
      const result = fetch('');
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('refusing an unverified download');
    });
  });
});

describe('manylinux-interpreters', () => {
  // GIVEN an image layout in a temp folder: one CPython installed, one PyPy on demand, and the
  // build folder's image.env and interpreters.tsv as the fleet renders them
  const root = tempDir('interp-');
  const dirs = { python: path.join(root, 'opt/python'), internal: path.join(root, 'opt/_internal'), bin: path.join(root, 'bin') };
  Object.values(dirs).forEach((d) => fs.mkdirSync(d, { recursive: true }));
  fs.mkdirSync(path.join(dirs.python, 'cp312-cp312'));
  // The archive holds a real interpreter (a venv of this machine's python3, 3.11, without pip):
  // ensure runs install-python-packaging.sh on it, which bootstraps pip and installs the lock.
  execFileSync('python3', ['-m', 'venv', '--without-pip', path.join(root, 'src', 'pypy3.11-v7.3.23-linux64')]);
  const tarball = path.join(root, 'pypy.tar.bz2');
  execFileSync('tar', ['-cjf', tarball, '-C', path.join(root, 'src'), 'pypy3.11-v7.3.23-linux64']);
  const data = (sha: string) => {
    const build = tempDir('build-');
    fs.writeFileSync(path.join(build, 'image.env'), `PYTHON_DIR=${dirs.python}\nINTERNAL_DIR=${dirs.internal}\nBIN_DIR=${dirs.bin}\nPYTHON_LOCKS=locks/python\n`);
    for (const script of ['lib.sh', 'install-python-packaging.sh']) {
      fs.copyFileSync(path.join(SCRIPTS, script), path.join(build, script));
    }
    // A lock with nothing to install (npm test stays offline): pip is bootstrapped, nothing fetched.
    fs.mkdirSync(path.join(build, 'locks', 'python'), { recursive: true });
    fs.writeFileSync(path.join(build, 'locks', 'python', '3.11.txt'), '# python: 3.11\n');
    fs.writeFileSync(path.join(build, 'interpreters.tsv'), renderTable({
      columns: ['tag', 'implementation', 'version', 'python_version', 'free_threaded', 'installed', 'prefix', 'url', 'sha256', 'mirror'],
      rows: [
        ['cp312-cp312', 'cpython', '3.12.13', '3.12', false, true, '/opt/_internal/cpython-3.12.13', '', '', ''],
        ['pp311-pypy311_pp73', 'pypy', '7.3.23', '3.11', false, false, path.join(dirs.internal, 'pp311-pypy311_pp73'), `file://${tarball}`, sha, ''],
      ],
    }));
    return build;
  };
  const run = (buildDir: string, ...args: string[]) => spawnSync('python3', [path.join(SCRIPTS, 'manylinux-interpreters'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, FLEET_BUILD_DIR: buildDir },
  });

  test('lists the interpreters the image offers, and which are installed', () => {
    const listed = JSON.parse(run(data(sha256(tarball)), 'list', '--format', 'json').stdout);
    expect(listed.map((r: any) => [r.identifier, r.installed, r.implementation_version, r.python_version])).toEqual([
      ['cp312-cp312', true, '3.12.13', '3.12'], ['pp311-pypy311_pp73', false, '7.3.23', '3.11']]);
    expect(JSON.parse(run(data(sha256(tarball)), 'list', '--installed', '--format', 'json').stdout)).toHaveLength(1);
  });

  test('ensure refuses an archive whose sha256 does not match', () => {
    const result = run(data('f'.repeat(64)), 'ensure', 'pp311-pypy311_pp73');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('sha256 mismatch');
    expect(fs.existsSync(path.join(dirs.python, 'pp311-pypy311_pp73'))).toBe(false);
  });

  test('ensure installs a verified archive into its prefix, links it and writes the pypyX.Y wrapper; a second ensure skips', () => {
    const build = data(sha256(tarball));
    const first = run(build, 'ensure', 'pp311-pypy311_pp73');
    expect([first.status, first.stdout]).toEqual([0, 'installed pp311-pypy311_pp73 (pypy 7.3.23)\n']);
    expect(fs.realpathSync(path.join(dirs.python, 'pp311-pypy311_pp73'))).toBe(path.join(dirs.internal, 'pp311-pypy311_pp73'));
    expect(fs.readFileSync(path.join(dirs.bin, 'pypy3.11'), 'utf8')).toContain('/pp311-pypy311_pp73/bin/python');
    // pip came in through the packaging step, with a `pip` command
    expect(spawnSync(path.join(dirs.internal, 'pp311-pypy311_pp73', 'bin', 'pip'), ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^pip \d+/);
    expect(run(build, 'ensure', 'pp311-pypy311_pp73').stdout).toBe('skipping pp311-pypy311_pp73: already installed\n');
  });

  test('ensure names what is available when a tag is not', () => {
    const result = run(data(sha256(tarball)), 'ensure', 'cp313-cp313t');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('not available in this image: cp313-cp313t (available: cp312-cp312, pp311-pypy311_pp73)');
  });
});

describe('lib.sh tables', () => {
  // GIVEN a build folder with a table whose middle cells are empty
  const build = tempDir('tables-');
  fs.copyFileSync(path.join(SCRIPTS, 'lib.sh'), path.join(build, 'lib.sh'));
  fs.writeFileSync(path.join(build, 'image.env'), 'ROOTFS=/r\n');
  fs.writeFileSync(path.join(build, 'sources.tsv'), renderTable({
    columns: ['name', 'version', 'prefix', 'mirror'], rows: [['zstd', '1.5.7', '', 'https://m/z'], ['git', '2.54.0', '/usr/local', '']],
  }));
  const bash = (script: string) => spawnSync('bash', ['-c', `source "${build}/lib.sh" && ${script}`], { encoding: 'utf8' });

  test('read fields by column name, keeping empty cells in place', () => {
    expect(bash("IFS=$'\\x1f' read -r p m < <(tsv_row sources.tsv name zstd prefix mirror); echo \"[$p][$m]\"").stdout).toBe('[][https://m/z]\n');
    expect(bash('tsv_get sources.tsv name git prefix').stdout).toBe('/usr/local\n');
    expect(bash('tsv_rows sources.tsv version name | tr "\\037" ,').stdout).toBe('1.5.7,zstd\n2.54.0,git\n');
    expect(bash('echo "$ROOTFS"').stdout).toBe('/r\n');
  });

  test('report a column the table does not have', () => {
    expect(bash('tsv_rows sources.tsv sha256').stderr).toContain('no column sha256 in');
  });
});
