/**
 * cibuildwheel on the host against an image the suite built, configured the way a project's CI
 * would use a custom manylinux image: CIBW_MANYLINUX_X86_64_IMAGE and environment variables only.
 * What cibuildwheel needs from the image and the log lines read here are from its source
 * (cibuildwheel/platforms/linux.py, oci_container.py, logger.py of the pinned release).
 */
import * as fs from 'fs';
import * as path from 'path';
import { LAYOUT } from '../../constructs';
import { ROOT, run, STATE } from './harness';
import type { E2eEnvironment, RunResult } from './harness';

/** The test project: a C extension that links libsqlite3, which no policy allows. */
export const CIBW_PROJECT = path.join(ROOT, 'e2e', 'cibw-project');

/** cibuildwheel copies the project here in the container (platforms/linux.py). */
const CONTAINER_PROJECT = '/project';

/** The CPython cibuildwheel runs its own helpers with, in every image (oci_container.py UTILITY_PYTHON). */
const UTILITY_PYTHON_TAG = 'cp39-cp39';

/** This machine's CA bundle: the distro's roots plus the TLS-intercepting proxy's CA. */
const HOST_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** Where the project copy carries the bundle, relative to the project. */
const CA_BUNDLE_FILE = 'ca-bundle.pem';

/** The build frontends tested: cibuildwheel's default (`build`) and uv. */
export type CibwFrontend = 'build' | 'uv';

/** The command cibuildwheel logs for each frontend's wheel build (`    + <command>`). */
export const FRONTEND_COMMAND: Record<CibwFrontend, string> = { build: 'python -m build', uv: 'uv build' };

/**
 * cibuildwheel's build identifiers for the CPythons installed in an image, as the image's own
 * `manylinux-interpreters` lists them: `cp39-cp39` → `cp39-manylinux_x86_64`,
 * `cp313-cp313t` → `cp313t-manylinux_x86_64`.
 */
export function cpythonBuilds(env: E2eEnvironment, image: string, arch: string): string[] {
  const listing = run(`list the interpreters of ${image}`, env.docker,
    ['run', '--rm', image, 'manylinux-interpreters', 'list', '--installed', '--format', 'json']).stdout;
  const rows = JSON.parse(listing) as { identifier: string; implementation: string }[];
  return rows.filter((row) => row.implementation === 'cpython').map((row) => buildIdentifier(row.identifier, arch)).sort();
}

/** cibuildwheel's identifier for an interpreter tag: its ABI tag and the platform. */
function buildIdentifier(tag: string, arch: string): string {
  return `${tag.split('-')[1]}-manylinux_${arch}`;
}

/**
 * Runs cibuildwheel for every CPython of `image` with `frontend`, wheels to `outDir`.
 *
 * The project is copied to a fresh folder under .e2e with this machine's CA bundle beside it:
 * cibuildwheel copies the project into the container, and CIBW_ENVIRONMENT points pip, uv and
 * requests at the bundle there, as a user behind a TLS-intercepting proxy would.
 * Fails (like `run`) when cibuildwheel exits non-zero.
 */
export function runCibuildwheel(env: E2eEnvironment, image: string, arch: string, frontend: CibwFrontend, outDir: string): RunResult {
  const builds = cpythonBuilds(env, image, arch);
  if (!builds.includes(buildIdentifier(UTILITY_PYTHON_TAG, arch))) {
    throw new Error(`${image}: cibuildwheel runs ${LAYOUT.PYTHON_DIR}/${UTILITY_PYTHON_TAG}/bin/python on every build, `
      + `but the image has no ${UTILITY_PYTHON_TAG} (its CPythons: ${builds.join(', ') || 'none'}); add CPython 3.9 to the image`);
  }
  const project = fs.mkdtempSync(path.join(STATE, 'cibw-project-'));
  try {
    fs.cpSync(CIBW_PROJECT, project, { recursive: true });
    fs.copyFileSync(HOST_CA_BUNDLE, path.join(project, CA_BUNDLE_FILE));
    const bundle = `${CONTAINER_PROJECT}/${CA_BUNDLE_FILE}`;
    return run(`cibuildwheel (${frontend} frontend) against ${image}`, env.cibuildwheel, ['--output-dir', outDir, '.'], {
      cwd: project,
      env: {
        CIBW_PLATFORM: 'linux',
        CIBW_ARCHS: arch,
        CIBW_BUILD: builds.join(' '),
        [`CIBW_MANYLINUX_${arch.toUpperCase()}_IMAGE`]: image,
        CIBW_CONTAINER_ENGINE: 'docker',
        // `default` is cibuildwheel's own value for "not chosen" (build on Linux); set, so a stray variable can't choose.
        CIBW_BUILD_FRONTEND: frontend === 'build' ? 'default' : frontend,
        CIBW_BUILD_VERBOSITY: '1',
        // Step headings as plain lines, also on a CI that cibuildwheel would fold the log for.
        CIBW_LOG_FOLD_MODE: 'disabled',
        // uv reads SSL_CERT_FILE; UV_SYSTEM_CERTS (uv >= 0.11.0, replacing UV_NATIVE_TLS) makes it verify with that store.
        CIBW_ENVIRONMENT: `PIP_CERT=${bundle} SSL_CERT_FILE=${bundle} REQUESTS_CA_BUNDLE=${bundle} UV_SYSTEM_CERTS=true`,
        CIBW_TEST_COMMAND: 'python {project}/tests/check_wheel.py',
        // cibuildwheel runs `docker` from PATH: the client the suite uses.
        PATH: `${path.dirname(env.docker)}:${process.env.PATH ?? ''}`,
      },
    });
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
}

/** The file names inside a wheel (read with the Python of cibuildwheel's venv). */
export function wheelContents(env: E2eEnvironment, wheel: string): string[] {
  const python = path.join(path.dirname(env.cibuildwheel), 'python');
  return run(`list ${path.basename(wheel)}`, python, ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', wheel])
    .stdout.split('\n').filter((name) => name !== '');
}

/** cibuildwheel's whole log without colour codes (it colours its headings on CI). */
export function plainLog(result: RunResult): string {
  return `${result.stdout}\n${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
}

/**
 * Runs cibuildwheel with `frontend` for every CPython of `image` (an image of `policy` for
 * `arch`) and checks what it made: each CPython built with that frontend and its wheel tested
 * (check_wheel.py prints its line only when the libsqlite3 it loaded is the copy inside the
 * wheel), one wheel per CPython tagged for the policy (and any older one its symbol versions
 * also satisfy) with libsqlite3 grafted in. Returns cibuildwheel's seconds.
 */
export function expectCibuildwheelWheels(env: E2eEnvironment, image: string, policy: string, arch: string, frontend: CibwFrontend): number {
  const builds = cpythonBuilds(env, image, arch);
  const abis = builds.map((build) => build.split('-')[0]);
  const wheelhouse = fs.mkdtempSync(path.join(STATE, `cibw-wheels-${arch}-${frontend}-`));
  const result = runCibuildwheel(env, image, arch, frontend, wheelhouse);
  const log = plainLog(result);
  for (const build of builds) {
    expect(log).toContain(`Building ${build} wheel`);
  }
  const count = (pattern: RegExp) => (log.match(pattern) ?? []).length;
  const label = `${arch} ${frontend}`;
  expect([label, count(new RegExp(`^\\s*\\+ ${FRONTEND_COMMAND[frontend]} `, 'gm'))]).toEqual([label, builds.length]);
  expect([label, count(/^Testing wheel\.\.\.$/gm)]).toEqual([label, builds.length]);
  expect([label, count(/^fleet_sqlite: sqlite \d+\.\d+\.\d+ from \S+\/fleet_sqlite\.libs\/libsqlite3-/gm)]).toEqual([label, builds.length]);
  const wheels = fs.readdirSync(wheelhouse).sort();
  const named = wheels.map((wheel) => /^fleet_sqlite-[^-]+-(cp\d+t?)-(cp\d+t?)-([a-z0-9_.]+)\.whl$/.exec(wheel));
  expect(named.map((match, i) => match?.[1] ?? wheels[i]).sort()).toEqual(abis);
  const [glibc] = /_2_(\d+)$/.exec(policy)!.slice(1).map(Number);
  for (const match of named) {
    expect(match![2]).toBe(match![1]);
    const platforms = match![3].split('.');
    expect(platforms).toContain(`${policy}_${arch}`);
    for (const platform of platforms) {
      expect(platform).toMatch(new RegExp(`^manylinux_2_\\d+_${arch}$`));
      expect(Number(platform.split('_')[2])).toBeLessThanOrEqual(glibc);
    }
    expect(wheelContents(env, path.join(wheelhouse, match![0]))).toEqual(expect.arrayContaining([
      expect.stringMatching(/^fleet_sqlite\.libs\/libsqlite3-[0-9a-f]{8}\.so[.0-9]*$/),
    ]));
  }
  return result.seconds;
}
