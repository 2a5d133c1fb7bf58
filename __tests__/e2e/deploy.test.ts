/**
 * End to end, for real: the default fleet validates with the real providers, and the e2e fleet
 * (same constructs) is built by the kreuzwerker/docker provider, pushed to a real registry,
 * tested in-image, used by cibuildwheel, planned again, changed, and shrunk. Steps run in order
 * and share state.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LAYOUT } from '../../constructs';
import { ARCHITECTURES, PUBLISHED_POLICIES, policyArches } from '../../policies';
import type { Arch } from '../../policies';
import { expectCibuildwheelWheels } from './cibuildwheel';
import { expectImageSbom } from './image-sbom';
import { newSummary, writeSummary } from './summary';
import { expectPolicyList } from './multi-arch';
import { e2eBases } from '../../e2e/fleet';
import {
  buildRecords, emptyEngine, loadEnvironment, overrideProviders, registryBlobs, registryDigest, registryTags, run, runAsync, stepsExecuted, STATE, synth, terraform,
} from './harness';
import type { E2eEnvironment } from './harness';

const env: E2eEnvironment = loadEnvironment();
const BUILD_ID = `${new Date().toISOString().slice(0, 10).replace(/-/g, '.')}-1`;
const STATE_DIR = path.join(STATE, 'state');
/** The armv7l image is built on this x86_64 machine: its own steps under QEMU, its CPythons cross-compiled. */
const ARMV7L = 'manylinux_2_31_armv7l';
const IMAGES = ['manylinux_2_31_x86_64', 'manylinux_2_36_x86_64', ARMV7L];
const RUN_TESTS = `${LAYOUT.BUILD_DIR}/run-tests.sh`;
const summary = newSummary();
const MB = 1024 * 1024;
const CHANGED = 'manylinux_2_36_x86_64';
/** The image the remove step takes out of the fleet (`withoutBullseye`). */
const REMOVED = 'manylinux_2_31_x86_64';
/** The policies whose manifest lists the suite assembles, each with the platforms of its e2e images (sorted). */
const LISTED_POLICIES: Record<string, string[]> = { manylinux_2_31: ['linux/amd64', 'linux/arm/v7'] };
/** The e2e fleet's base lock, written by `fleet update bases` in the first step that needs it. */
const BASE_LOCK = path.join(STATE, 'bases.json');

const e2eSynth = (name: string, options: object = {}) => synth(`synth e2e fleet (${name})`, 'e2e/main.ts', path.join(STATE, `out-${name}`), {
  E2E_OPTIONS: JSON.stringify({ ...options, baseLock: BASE_LOCK }), E2E_STATE_DIR: STATE_DIR, FLEET_REGISTRY: env.registry,
});
const stackDir = (stacks: string, id: string) => path.join(stacks, id);
const output = (dir: string, name: string) => JSON.parse(terraform(env, `output ${name}`, dir, ['output', '-json', name]).stdout) as string;
/** The stage images a stack's output names (its `cache_images`). */
const stageImagesOf = (dir: string) => JSON.parse(terraform(env, `output cache_images ${path.basename(dir)}`, dir, ['output', '-json', 'cache_images']).stdout) as string[];
const init = (dir: string) => { overrideProviders(dir, env); terraform(env, `init ${path.basename(dir)}`, dir, ['init', '-input=false']); };

let stacksV1 = '';
const inImageOutput: Record<string, string> = {};

beforeAll(() => {
  // An interrupted run may have left state, synth output and images behind: start clean.
  for (const leftover of fs.readdirSync(STATE).filter((name) => ['state', 'bases.json'].includes(name) || name.startsWith('out-'))) {
    fs.rmSync(path.join(STATE, leftover), { recursive: true, force: true });
  }
  const stale = run('list images', env.docker, ['images', '--format', '{{.Repository}}:{{.Tag}}']).stdout.split('\n')
    .filter((ref) => ref.startsWith(`${env.registry}/`));
  if (stale.length > 0) {
    run('remove stale images', env.docker, ['rmi', '-f', ...stale]);
  }
  if (fs.existsSync(path.join(STATE, 'pids', 'dockerd.pid'))) {
    // The engine is the suite's own: empty its build caches too (the classic builder's
    // intermediate images and BuildKit's cache), so first builds are cold. The bases stay.
    run('prune dangling images', env.docker, ['image', 'prune', '-f']);
    run('prune the BuildKit cache', env.docker, ['builder', 'prune', '-af']);
  }
});

afterAll(() => writeSummary(summary));

test('terraform init and validate pass for every stack of the default fleet and the github stack', () => {
  const stacks = synth('synth default fleet', 'main.ts', path.join(STATE, 'out-default'));
  const ids = fs.readdirSync(stacks).sort();
  const published = PUBLISHED_POLICIES.flatMap((p) => policyArches(p).map((arch) => `${p.publishedName}_${arch}`));
  expect(ids).toEqual([...published, 'github'].sort());
  for (const id of ids) {
    const dir = stackDir(stacks, id);
    overrideProviders(dir, env);
    terraform(env, `init ${id}`, dir, ['init', '-backend=false', '-input=false']);
    const validation = JSON.parse(terraform(env, `validate ${id}`, dir, ['validate', '-json']).stdout);
    expect([id, validation.valid, validation.error_count]).toEqual([id, true, 0]);
  }
});

test('fleet update bases pins the e2e bases to the digests the registry serves, and the images build FROM them', async () => {
  // GIVEN the e2e fleet with nothing pinned
  const unpinned = path.join(path.dirname(e2eSynth('unpinned')), 'fleet.json');
  const listed = run('fleet list', process.execPath, ['-r', './bin/ts-register.js', 'bin/fleet.ts', 'list', '--manifest', unpinned]).stdout;
  expect(listed).toContain(`${IMAGES.length} build FROM an unpinned base tag`);
  // WHEN its bases are updated through the registry API
  const update = run('fleet update bases', process.execPath, ['-r', './bin/ts-register.js', 'bin/fleet.ts', 'update', 'bases', '--manifest', unpinned, '--lock', BASE_LOCK]);
  expect(update.stdout).toContain(`${BASE_LOCK}: 3 of 3 bases pinned`);
  // THEN each image's Dockerfile builds FROM its base at the digest the registry serves for the tag
  const stacks = e2eSynth('pinned');
  for (const [id, repository, suite] of [
    ['manylinux_2_36_x86_64', 'fleet-e2e/debian', 'bookworm'], ['manylinux_2_31_x86_64', 'fleet-e2e/debian', 'bullseye'], [ARMV7L, 'fleet-e2e/armhf/debian', 'bullseye'],
  ]) {
    const digest = await registryDigest(env, repository, suite);
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const dockerfile = fs.readFileSync(path.join(stackDir(stacks, id), 'context', 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`FROM ${env.registry}/${repository}:${suite}@${digest} AS runtime_base`);
  }
  // AND the armv7l image's cross-compiling stages start FROM the build machine's base at its digest
  const hostDigest = await registryDigest(env, 'fleet-e2e/debian', 'bullseye');
  expect(fs.readFileSync(path.join(stackDir(stacks, ARMV7L), 'context', 'Dockerfile'), 'utf8'))
    .toContain(`FROM --platform=linux/amd64 ${env.registry}/fleet-e2e/debian:bullseye@${hostDigest} AS cross_host`);
  // AND the check agrees, and fleet list no longer lists an unpinned base
  run('fleet update bases --check', process.execPath, ['-r', './bin/ts-register.js', 'bin/fleet.ts', 'update', 'bases', '--check', '--manifest', unpinned, '--lock', BASE_LOCK]);
  const pinned = run('fleet list', process.execPath, ['-r', './bin/ts-register.js', 'bin/fleet.ts', 'list', '--manifest', path.join(path.dirname(stacks), 'fleet.json')]).stdout;
  expect(pinned).not.toContain('unpinned');
});

test('deploy builds each e2e image with the provider and the registry serves its three tags', async () => {
  stacksV1 = e2eSynth('v1');
  // One at a time, the image whose cold build the stage-cache step compares with first: this
  // machine is CPU-bound while it builds, so side-by-side deploys save nothing (docs/e2e.md, suite time).
  for (const id of [CHANGED, ...IMAGES.filter((other) => other !== CHANGED && other !== ARMV7L)]) {
    await deployFirst(id);
  }
});

test('deploy builds the armv7l image on this x86_64 machine, its CPythons cross-compiled, and the registry serves its three tags', async () => {
  await deployFirst(ARMV7L);
  // Each CPython of the image says it was configured to build on x86_64 for 32-bit Arm: the
  // compile stages ran on the machine, not under QEMU (the data's choice for this image).
  const reference = output(stackDir(stacksV1, ARMV7L), 'content_tag');
  const built = run('configure triples of the armv7l CPythons', env.docker, ['run', '--rm', reference, 'bash', '-c',
    'for python in /opt/python/cp3*/bin/python; do "$python" -c \'import sysconfig as s; print(s.get_config_var("BUILD_GNU_TYPE"), s.get_config_var("HOST_GNU_TYPE"))\'; done']).stdout;
  expect(built.trim().split('\n')).toEqual(['x86_64-pc-linux-gnu arm-unknown-linux-gnueabihf', 'x86_64-pc-linux-gnu arm-unknown-linux-gnueabihf']);
  summary.compileSeconds[ARMV7L] = Object.fromEntries(Object.entries(buildRecords(env, reference, LAYOUT.BUILD_RECORDS)).map(([stage, record]) => [stage, record.seconds]));
});

/** The first deploy of one image: builds, pushes and checks its three tags and its stage caches. */
async function deployFirst(id: string): Promise<void> {
  const dir = stackDir(stacksV1, id);
  init(dir);
  const started = new Date();
  const apply = terraform(env, `apply ${id}`, dir, ['apply', '-auto-approve', '-input=false', `-var=build_id=${BUILD_ID}`]);
  summary.firstBuildSeconds[id] = apply.seconds;
  // The image and its pushes (6), and per stage a cache image and its push
  const caches = stageImagesOf(dir);
  summary.cacheImages[id] = caches.length;
  expect(caches.length).toBeGreaterThan(4);
  expect(apply.stdout).toContain(`Apply complete! Resources: ${6 + 2 * caches.length} added, 0 changed, 0 destroyed.`);
  // every cache image is in the registry under the tag its inputs name
  const cacheRepository = caches[0].slice(env.registry.length + 1, caches[0].lastIndexOf(':'));
  expect(cacheRepository).toBe('manylinux-fleet-cache');
  expect(await registryTags(env, cacheRepository)).toEqual(expect.arrayContaining(caches.map((ref) => ref.slice(ref.lastIndexOf(':') + 1))));
  // A cold build: every step of the image ran during this apply (none came from a cache).
  summary.firstBuildSteps[id] = stepsExecuted(env, output(dir, 'content_tag'), started);
  expect(summary.firstBuildSteps[id]).toBeGreaterThan(5);
  const contentTag = output(dir, 'content_tag').split(':').pop()!;
  expect(contentTag).toMatch(/^spec-[0-9a-f]{12}$/);
  expect(await registryTags(env, id)).toEqual(expect.arrayContaining([BUILD_ID, 'latest', contentTag]));
  // The three tags name one and the same pushed image.
  const digests = await Promise.all([contentTag, BUILD_ID, 'latest'].map((tag) => registryDigest(env, id, tag)));
  expect(digests[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(new Set(digests).size).toBe(1);
}

test('the stage cache images cost registry space beyond the images by what only the build stages hold', async () => {
  const images = new Map<string, number>();
  const cache = new Map<string, number>();
  for (const id of IMAGES) {
    const dir = stackDir(stacksV1, id);
    (await registryBlobs(env, id, BUILD_ID)).forEach((size, digest) => images.set(digest, size));
    const caches = stageImagesOf(dir);
    for (const ref of caches) {
      const [repository, tag] = [ref.slice(env.registry.length + 1, ref.lastIndexOf(':')), ref.slice(ref.lastIndexOf(':') + 1)];
      (await registryBlobs(env, repository, tag)).forEach((size, digest) => cache.set(digest, size));
    }
  }
  const total = (blobs: Map<string, number>) => [...blobs.values()].reduce((a, b) => a + b, 0) / MB;
  summary.registryMegabytes = {
    images: total(images), cache: total(cache),
    cacheOnly: total(new Map([...cache].filter(([digest]) => !images.has(digest)))),
  };
  // the images share their base layers with the caches: the caches hold more, and not all of it new
  expect(summary.registryMegabytes.cache).toBeGreaterThan(summary.registryMegabytes.cacheOnly);
  expect(summary.registryMegabytes.cacheOnly).toBeGreaterThan(0);
});

test('the in-image tests pass in each image', async () => {
  // The images' suites run side by side: each is mostly one process at a time (the armv7l one
  // under QEMU), so the 2 cores take two at once.
  const results = await Promise.all(IMAGES.map((id) => runAsync(`in-image tests of ${id}`, env.docker,
    ['run', '--rm', '-e', 'FLEET_TEST_VERBOSE=1', output(stackDir(stacksV1, id), 'content_tag'), RUN_TESTS])));
  IMAGES.forEach((id, i) => {
    expect(results[i].stdout).toContain('all in-image checks passed');
    expect(results[i].stdout).not.toContain('FAILED');
    inImageOutput[id] = results[i].stdout;
    summary.inImageSeconds[id] = results[i].seconds;
  });
});

test('each image carries its SBOM where its label says: valid SPDX, the synth document plus every distro package installed', () => {
  for (const id of IMAGES) {
    const dir = stackDir(stacksV1, id);
    summary.sbomPackages[id] = expectImageSbom(env, id, output(dir, 'content_tag'), output(dir, 'spec_hash'), path.join(STATE, 'out-v1'), inImageOutput[id]);
  }
});

test('the manylinux_2_31_x86_64 image runs every native source build: each tool and library is the one built, from its prefix', () => {
  // GIVEN the in-image suite's output for the image that builds every native source (e2e/sources.ts)
  const out = inImageOutput.manylinux_2_31_x86_64;
  // THEN no component fell back to the distro's, and each check of a built component passed
  expect(out).not.toMatch(/^SKIP: .* from source/m);
  for (const check of [
    /^PASS: cp39-cp39: .*the libraries built from source, loaded from their prefix$/m,
    /^PASS: cp313-cp313: .*the libraries built from source, loaded from their prefix$/m,
    /^PASS: git --version is 2\.53\.0, the build's$/m,
    /^PASS: libtoolize --version is 2\.5\.4, the build's$/m,
    /^PASS: (autoconf --version is 2\.72, the build's|autoconf: the distro's is not older than 2\.72)$/m,
    /^PASS: git's HTTPS transport links the libcurl built from source$/m,
    /^PASS: that libcurl links the OpenSSL built from source$/m,
    /^PASS: libcrypt\.so\.2 from libxcrypt hashes a password \(yescrypt\)$/m,
    /^PASS: libpython\*\.a of every CPython, for embedding, in /m,
  ]) {
    expect(out).toMatch(check);
  }
  // AND the versions printed are those of e2e/sources.ts (read from the interpreters themselves)
  expect(out).toContain('sqlite 3.53.4 (sqlite3.sqlite_version_info) from /opt/_internal/sqlite3/lib/libsqlite3.so');
  expect(out).toContain('openssl 3.5.7 (OpenSSL 3.5.7');
  expect(out).toContain('mpdecimal 4.0.1 (decimal.__libmpdec_version__) from /opt/_internal/mpdecimal-4/lib/libmpdec.so');
  expect(out).toMatch(/tcl 8\.6\.18 \(Tcl's info patchlevel\) from \/usr\/local\/lib\/libtcl8\.6\.so/);
});

test('a distro package that does not exist stops the install, naming the package', () => {
  // GIVEN the manylinux_2_31 image and its own package helpers (image-scripts/lib.sh)
  const reference = output(stackDir(stacksV1, 'manylinux_2_31_x86_64'), 'content_tag');
  // WHEN it installs a package that no repository has
  const result = run('install a missing package', env.docker, ['run', '--rm', reference, 'bash', '-c',
    `source ${LAYOUT.BUILD_DIR}/lib.sh && pkg_refresh > /dev/null && pkg_install fleet-no-such-package`], { allowed: [1, 100] });
  // THEN it fails, and the error names the package
  expect(result.status).not.toBe(0);
  expect(`${result.stdout}${result.stderr}`).toContain('fleet-no-such-package');
});

test('cibuildwheel builds, repairs and tests a wheel for every CPython in the manylinux_2_36 image, with the default frontend and with uv', () => {
  // GIVEN the image as the deploy step pushed it; WHEN cibuildwheel builds the sqlite-linking
  // project in it; THEN each CPython's wheel is built, repaired and tested (cibuildwheel.ts)
  for (const frontend of ['build', 'uv'] as const) {
    summary.cibuildwheelSeconds[frontend] = expectCibuildwheelWheels(env, `${env.registry}/manylinux_2_36_x86_64:${BUILD_ID}`, 'manylinux_2_36', 'x86_64', frontend);
  }
});

test('cibuildwheel builds, repairs and tests a wheel for every CPython in the armv7l image, under QEMU, as a project would for armv7l', () => {
  // GIVEN the armv7l image as the deploy step pushed it, named by CIBW_MANYLINUX_ARMV7L_IMAGE with
  // CIBW_ARCHS=armv7l; THEN each CPython's wheel is built, repaired to manylinux_2_31_armv7l and tested
  summary.cibuildwheelSeconds['build, armv7l'] = expectCibuildwheelWheels(env, `${env.registry}/${ARMV7L}:${BUILD_ID}`, 'manylinux_2_31', 'armv7l', 'build');
});

test('each policy\'s manifest list, assembled as the workflow does, lists each arch\'s pushed image; a pull by platform runs that machine', async () => {
  summary.manifests = [];
  for (const [policy, platforms] of Object.entries(LISTED_POLICIES)) {
    // GIVEN the per-arch pushes of the policy (their content tags, as the workflow names them)
    const sources = IMAGES.filter((id) => id.startsWith(`${policy}_`)).map((id) => ({
      platform: ARCHITECTURES[id.slice(policy.length + 1) as Arch].dockerPlatform, reference: output(stackDir(stacksV1, id), 'content_tag'),
    }));
    // THEN (multi-arch.ts) the list serves exactly those platforms under the build id and latest, each pull runs its machine
    summary.manifests.push(...await expectPolicyList(env, policy, [BUILD_ID, 'latest'], sources, platforms));
  }
});

test('a C-extension wheel built in the manylinux_2_36 image is repaired to its policy and imports on a clean Debian 12', () => {
  const reference = output(stackDir(stacksV1, 'manylinux_2_36_x86_64'), 'content_tag');
  const wheelhouse = fs.mkdtempSync(path.join(STATE, 'wheels-'));
  run('build and repair the demo wheel', env.docker, ['run', '--rm', '-v', `${wheelhouse}:/out`, reference, 'bash', '-c',
    'set -e; python3.11 -m pip wheel --no-deps --no-build-isolation --no-index -w /tmp/raw /opt/_internal/build/demo && auditwheel repair -w /out /tmp/raw/*.whl']);
  const wheels = fs.readdirSync(wheelhouse);
  // auditwheel tags the wheel for the image's policy and every older one it also satisfies.
  expect(wheels).toEqual([expect.stringMatching(/^fleet_demo-1\.0-cp311-cp311-[a-z0-9_.]+\.whl$/)]);
  const platforms = wheels[0].replace(/^fleet_demo-1\.0-cp311-cp311-|\.whl$/g, '').split('.');
  expect(platforms).toContain('manylinux_2_36_x86_64');
  for (const platform of platforms.filter((p) => p.startsWith('manylinux_'))) {
    expect(Number(/^manylinux_2_(\d+)_x86_64$/.exec(platform)![1])).toBeLessThanOrEqual(36);
  }
  const result = run('install and import on clean Debian 12', env.docker, ['run', '--rm', '-v', `${wheelhouse}:/wheels:ro`, e2eBases(env.registry).bookworm, 'bash', '-c',
    'set -e; apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 python3-pip zlib1g > /dev/null '
    + '&& pip3 install --break-system-packages --no-index /wheels/*.whl > /dev/null && python3 -c "import fleet_demo; print(fleet_demo.answer())"']);
  expect(result.stdout.trim()).toBe('42');
});

test('a second plan reports no changes', () => {
  for (const id of IMAGES) {
    const plan = terraform(env, `no-op plan ${id}`, stackDir(stacksV1, id), ['plan', '-detailed-exitcode', '-input=false', `-var=build_id=${BUILD_ID}`]);
    summary.noopPlanSeconds[id] = plan.seconds;
    expect([id, plan.status]).toEqual([id, 0]);
  }
});

test('swapping one CPython of one image replaces that image only; on an emptied engine it is rebuilt with the stage caches, compiles the new CPython and passes its tests', () => {
  // GIVEN the fleet with CPython 3.9 of the manylinux_2_36 image swapped for 3.13
  const stacksV2 = e2eSynth('v2', { swapCpython: true });
  for (const id of IMAGES) {
    const dir = stackDir(stacksV2, id);
    init(dir);
    const plan = terraform(env, `plan ${id}`, dir, ['plan', '-detailed-exitcode', '-input=false', '-out=tfplan', `-var=build_id=${BUILD_ID}`], [0, 2]);
    if (plan.status === 2) {
      summary.imagesChanged.push(id);
      const changes = JSON.parse(terraform(env, `show plan ${id}`, dir, ['show', '-json', 'tfplan']).stdout).resource_changes;
      const image = changes.find((c: { address: string }) => c.address === 'docker_image.Image');
      expect(image.change.actions).toEqual(['delete', 'create']);
    }
  }
  // THEN the plan changes that image only
  expect(summary.imagesChanged).toEqual([CHANGED]);
  const before = buildRecords(env, output(stackDir(stacksV1, CHANGED), 'content_tag'), LAYOUT.BUILD_RECORDS);
  expect(Object.keys(before).sort()).toEqual(['build_autoconf', 'build_automake', 'build_cp311_cp311', 'build_cp39_cp39', 'build_libtool']);
  const cacheRefs = stageImagesOf(stackDir(stacksV1, CHANGED));
  const cached = Object.fromEntries(Object.keys(before).map((stage) => [stage,
    buildRecords(env, cacheRefs.find((ref) => ref.includes(`.${stage}.`))!, LAYOUT.BUILD_RECORDS)[stage]?.build]));

  // WHEN the engine is emptied as a fresh CI runner has it, and the changed image is deployed
  expect(emptyEngine(env)).toEqual({ images: 0, cacheRecords: 0 });
  const dir = stackDir(stacksV2, CHANGED);
  const started = new Date();
  // One build at a time: this machine's engine (Debian's docker.io 20.10.24, BuildKit v0.8.3)
  // panicked in sharedOp.CalcSlowCache (solver/jobs.go:650) when the stage images were rebuilt
  // from their caches concurrently (cold CI run of 2026-11-22), and concurrent builds merge
  // their cache imports on shared steps (docs/stage-cache.md). The generated workflow deploys
  // with Terraform's default parallelism.
  const apply = terraform(env, `apply ${CHANGED} on an empty engine`, dir, ['apply', '-auto-approve', '-input=false', '-parallelism=1', `-var=build_id=${BUILD_ID}`]);
  const reference = output(dir, 'content_tag');
  summary.stepsExecutedAfterChange[CHANGED] = stepsExecuted(env, reference, started);
  if (summary.stepsExecutedAfterChange[CHANGED] > 0) {
    summary.imagesRebuilt.push(CHANGED);
  }
  // THEN exactly one CPython compile ran (a new build record), and every other compile stage
  // kept the record of the run that made it: it came from its stage image in the registry
  const after = buildRecords(env, reference, LAYOUT.BUILD_RECORDS);
  const compiled = Object.keys(after).filter((stage) => after[stage].build !== before[stage]?.build).sort();
  summary.coldRebuild = {
    image: CHANGED, compilesRun: compiled, seconds: apply.seconds,
    fullColdBuildSeconds: summary.firstBuildSeconds[CHANGED], ratio: apply.seconds / summary.firstBuildSeconds[CHANGED],
    firstDeployDiffersFromCache: Object.keys(before).filter((stage) => before[stage].build !== cached[stage]).sort(),
    compileSeconds: Object.fromEntries(Object.entries(after).map(([stage, record]) => [stage, record.seconds])),
  };
  // The first deploy's image holds what its stage images hold (it is assembled from them)
  expect(summary.coldRebuild.firstDeployDiffersFromCache).toEqual([]);
  // Exactly the swapped CPython compiled (it has no stage image yet): every other compile stage,
  // each built on its parents' stage images, came from its own stage image (docs/stage-cache.md).
  expect(compiled).toEqual(['build_cp313_cp313']);
  expect(Object.keys(after).sort()).toEqual(['build_autoconf', 'build_automake', 'build_cp311_cp311', 'build_cp313_cp313', 'build_libtool']);
  expect(summary.imagesRebuilt).toEqual([CHANGED]);
  // AND the rebuilt image passes the in-image tests with the new CPython
  const tests = run(`in-image tests of the rebuilt ${CHANGED}`, env.docker, ['run', '--rm', '-e', 'FLEET_TEST_VERBOSE=1', reference, RUN_TESTS]);
  expect(tests.stdout).toContain('all in-image checks passed');
  expect(tests.stdout).toMatch(/^PASS: cp313-cp313: /m);
  // The other images were not touched; they come back into the engine as the suite leaves them
  // (design.md §3): their three tags, and the stage images of the stacks planned again later (the
  // one removed next is only destroyed). Each image resource of a stack reads the engine by its
  // name (the content tag, a stage image's reference): without them, a plan of an untouched stack
  // would build them again (measured: 9 stage images of the armv7l stack to create).
  for (const untouched of IMAGES.filter((id) => id !== CHANGED)) {
    const dir = stackDir(stacksV1, untouched);
    const stageImages = untouched === REMOVED ? [] : stageImagesOf(dir);
    for (const reference of [output(dir, 'content_tag'), `${env.registry}/${untouched}:${BUILD_ID}`, `${env.registry}/${untouched}:latest`, ...stageImages]) {
      run('pull the untouched images back', env.docker, ['pull', '-q', reference]);
    }
  }
});

test('removing an image from the fleet (and even destroying its stack) leaves its tags in the registry', async () => {
  const published = await registryTags(env, REMOVED);
  expect(published).toEqual(expect.arrayContaining([BUILD_ID, 'latest']));
  const stacksV3 = e2eSynth('v3', { swapCpython: true, withoutBullseye: true });
  const remaining = IMAGES.filter((id) => id !== REMOVED);
  expect(fs.readdirSync(stacksV3).sort()).toEqual(['github', ...remaining].sort());
  for (const id of remaining) {
    const dir = stackDir(stacksV3, id);
    init(dir);
    const plan = terraform(env, `plan remaining ${id}`, dir, ['plan', '-detailed-exitcode', '-input=false', `-var=build_id=${BUILD_ID}`], [0]);
    expect([id, plan.status]).toEqual([id, 0]);
  }
  expect(await registryTags(env, REMOVED)).toEqual(published);
  // The strongest case: destroying the removed image's stack deletes no published tag.
  const destroy = terraform(env, `destroy ${REMOVED}`, stackDir(stacksV1, REMOVED), ['destroy', '-auto-approve', '-input=false', `-var=build_id=${BUILD_ID}`]);
  expect(destroy.stdout).toMatch(/Destroy complete! Resources: \d+ destroyed\./);
  expect(await registryTags(env, REMOVED)).toEqual(published);
});
