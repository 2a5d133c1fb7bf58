import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { LAYOUT, cpythonPrefix, installPlan, renderImageData, renderTable, sharedCpythonPrefix } from '../constructs';
import type { ImageSpec } from '../constructs';
import { CPYTHON_3_12, manylinux2014, manylinux_2_28, manylinux_2_31, musllinux_1_2 } from '../policies';
import type { Argv } from '../policies';
import { tempDir } from './helpers/fleet';
import { spec } from './helpers/spec';

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

/** A build folder holding lib.sh, the scripts named and an image's rendered data files. */
function buildFolder(image: ImageSpec, ...scripts: string[]): string {
  const build = tempDir('plan-');
  for (const file of [...renderImageData(image), ...['lib.sh', ...scripts].map((name) => ({ path: name, content: fs.readFileSync(path.join(SCRIPTS, name)) }))]) {
    fs.mkdirSync(path.dirname(path.join(build, file.path)), { recursive: true });
    fs.writeFileSync(path.join(build, file.path), file.content);
  }
  return build;
}

describe('the scripts run the install plan', () => {
  // GIVEN stand-ins for the package managers' commands, first on PATH, that record their argv
  // (and DEBIAN_FRONTEND) one call per line; a test of our shell plumbing, not of a build
  const bin = tempDir('recorders-');
  for (const name of ['yum', 'dnf', 'apt-get', 'apk', 'yum-config-manager', 'curl']) {
    fs.writeFileSync(path.join(bin, name), `#!/bin/bash\n{ printf '%s' "\${DEBIAN_FRONTEND:--}"; printf '\\x1f%s' "$(basename "$0")" "$@"; echo; } >> "\${RECORD}"\n`, { mode: 0o755 });
  }
  const run = (build: string, script: string, ...args: string[]) => {
    const record = path.join(build, 'calls');
    fs.writeFileSync(record, '');
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH}`, RECORD: record };
    delete env.DEBIAN_FRONTEND;
    const result = spawnSync('bash', ['-c', script, 'test', ...args], { encoding: 'utf8', env, cwd: build });
    const calls = fs.readFileSync(record, 'utf8').split('\n').filter((line) => line !== '').map((line) => line.split('\x1f'));
    return { ...result, calls };
  };
  // What a recorder sees of a planned command: `env NAME=value cmd …` sets NAME and runs cmd.
  const seen = (argv: Argv) => (argv[0] === 'env' ? [argv[1].replace(/^DEBIAN_FRONTEND=/, ''), ...argv.slice(2)] : ['-', ...argv]);
  const images = [spec(manylinux2014, 'x86_64'), spec(manylinux2014, 'i686'), spec(manylinux_2_28, 'i686'), spec(manylinux_2_31, 'armv7l'), spec(musllinux_1_2, 'x86_64')];

  test.each(images.map((image) => [image.id, image] as const))('%s: pkg_install, pkg_refresh, pkg_upgrade and the repository commands run exactly the plan', (_id, image) => {
    // WHEN lib.sh installs the runtime packages, refreshes, upgrades and runs the repository steps
    const build = buildFolder(image);
    const result = run(build, `source lib.sh && mapfile -t p < <(fleet_list runtime) && pkg_install "\${p[@]}" && pkg_refresh && pkg_upgrade && run_commands plan/repositories.txt`);
    // THEN the recorded calls are the plan's commands, word for word
    const plan = installPlan(image);
    expect(result.stderr).not.toContain('error');
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([plan.runtimeInstall, plan.refresh, ...plan.upgrade, ...plan.repositories].map(seen));
  });

  test('a failing command stops the build', () => {
    const build = buildFolder(spec(manylinux_2_28, 'x86_64'));
    fs.writeFileSync(path.join(build, 'plan', 'repositories.txt'), 'false\ndnf -y upgrade\n');
    const result = run(build, 'set -e; source lib.sh; run_commands plan/repositories.txt');
    expect([result.status, result.calls]).toEqual([1, []]);
  });

  test('config_set sets a key in place, appends a new one and deletes one', () => {
    const build = buildFolder(spec(manylinux2014, 'x86_64'));
    const conf = path.join(build, 'yum.conf');
    fs.writeFileSync(conf, '[main]\nmultilib_policy=all\noverride_install_langs=en_US.utf8\ngpgcheck=1');
    const result = run(build, `source lib.sh && config_set "$1" multilib_policy best && config_set "$1" skip_missing_names_on_install False && config_set "$1" override_install_langs ''`, conf);
    expect(result.status).toBe(0);
    expect(fs.readFileSync(conf, 'utf8')).toBe('[main]\nmultilib_policy=best\ngpgcheck=1\nskip_missing_names_on_install=False\n');
    expect(run(build, `source lib.sh && config_set "$1/missing.conf" a b`, build).stderr).toContain('no configuration file');
  });

  describe('fixup-mirrors.sh', () => {
    // GIVEN a repository file of CentOS 7's kind: a mirror list and a commented baseurl on mirror.centos.org
    const repo = [
      '[centos-sclo-rh]', 'name=CentOS-7 - SCLo rh', '#baseurl=http://mirror.centos.org/centos/7/sclo/$basearch/rh/',
      'mirrorlist=http://mirrorlist.centos.org?arch=$basearch&release=7&repo=sclo-rh', 'gpgcheck=1', '', '[os]', 'name=os', '[extras]', 'name=extras', '',
    ].join('\n');
    const fix = (image: ImageSpec) => {
      const build = buildFolder(image, 'fixup-mirrors.sh');
      const repos = path.join(build, 'yum.repos.d');
      fs.mkdirSync(repos);
      fs.writeFileSync(path.join(repos, 'CentOS-SCLo-scl-rh.repo'), repo);
      // run twice: the fix is applied after every step, so a second run must change nothing
      const runs = [1, 2].map(() => run(build, 'bash fixup-mirrors.sh "$1"', repos));
      return { text: fs.readFileSync(path.join(repos, 'CentOS-SCLo-scl-rh.repo'), 'utf8'), runs };
    };
    const moved = (line: string) => repo.replace('#baseurl=http://mirror.centos.org/centos/7/', line).replace('\nmirrorlist=', '\n#mirrorlist=');

    test('x86_64 and i686: mirror lists commented out, baseurls moved to https://vault.centos.org', () => {
      for (const arch of ['x86_64', 'i686']) {
        const { text, runs } = fix(spec(manylinux2014, arch));
        expect(runs.map((r) => r.status)).toEqual([0, 0]);
        expect(text).toBe(moved('baseurl=https://vault.centos.org/centos/7/'));
      }
    });

    test('aarch64 and ppc64le: moved to the vault and to /altarch/7/', () => {
      for (const arch of ['aarch64', 'ppc64le']) {
        expect(fix(spec(manylinux2014, arch)).text).toBe(moved('baseurl=https://vault.centos.org/altarch/7/'));
      }
    });

    test('s390x: ClefOS baseurls, only for the repositories the files define', () => {
      const { text, runs } = fix(spec(manylinux2014, 's390x'));
      expect(text).toBe(repo);
      const save = (id: string, url: string) => ['-', 'yum-config-manager', `--setopt=${id}.baseurl=https://download.sinenomine.net/clefos/7/${url}`, '--save'];
      expect(runs.map((r) => r.calls)).toEqual([1, 2].map(() => [save('os', 'os'), save('extras', 'extras')]));
    });

    test('live repositories: nothing changes', () => {
      const { text, runs } = fix(spec(manylinux_2_28, 'x86_64'));
      expect([text, runs[0].status, runs[0].calls]).toEqual([repo, 0, []]);
    });
  });
});
