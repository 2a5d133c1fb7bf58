/**
 * `fleet update bases` for real: a multi-platform OCI index pushed to the suite's registry is
 * resolved per platform; a moved tag fails `--check`; a registry with token authentication is
 * answered through the token handshake, with credentials from the environment only.
 */
import * as fs from 'fs';
import * as path from 'path';
import { defaultManifest, main } from '../../bin/fleet';
import { readBaseLock } from '../../constructs';
import type { FleetManifest } from '../../constructs';
import { loadEnvironment, STATE } from './harness';
import { pushPlatformIndex, startTokenRegistry, startTokenServer, TokenIssuer } from './registry-api';

const env = loadEnvironment();
const dir = fs.mkdtempSync(path.join(STATE, 'bases-'));
const fleet = defaultManifest();

/** A fleet.json whose images of these arches all build FROM `reference`. */
function manifestFrom(reference: string, arches: readonly string[]): string {
  const images = arches.map((arch) => {
    const image = fleet.images.find((i) => i.arch === arch)!;
    return { ...image, base: { ...image.base, image: reference, digest: null } };
  });
  const file = path.join(dir, `fleet-${arches.join('-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...fleet, images } satisfies FleetManifest));
  return file;
}

async function fleetCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const write = process.stderr.write;
  process.stderr.write = ((text: string) => { err += text; return true; }) as typeof process.stderr.write;
  try {
    const code = await main(argv, (text) => { out += text; });
    return { code, out, err };
  } finally {
    process.stderr.write = write;
  }
}

test('a multi-platform index is pinned per platform, and --check fails once its tag moves', async () => {
  // GIVEN an OCI index of four platforms in the registry, and images of four arches built FROM it
  const api = `http://${env.registry}`;
  const pushed = await pushPlatformIndex(api, 'fleet-e2e/multi', '1', ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7', 'linux/386']);
  const manifest = manifestFrom(`${env.registry}/fleet-e2e/multi:1`, ['x86_64', 'aarch64', 'armv7l', 'i686']);
  const lockFile = path.join(dir, 'bases.json');
  // WHEN the bases are updated
  const update = await fleetCli('update', 'bases', '--manifest', manifest, '--lock', lockFile);
  // THEN each arch is pinned to its own platform's manifest digest
  expect([update.code, update.err]).toEqual([0, '']);
  const lock = readBaseLock(lockFile).bases[`${env.registry}/fleet-e2e/multi:1`];
  expect(Object.fromEntries(Object.entries(lock).map(([arch, entry]) => [arch, entry.digest]))).toEqual({
    x86_64: pushed['linux/amd64'], aarch64: pushed['linux/arm64/v8'], armv7l: pushed['linux/arm/v7'], i686: pushed['linux/386'],
  });
  expect(new Set(Object.values(lock).map((entry) => entry.digest)).size).toBe(4);
  expect(lock.armv7l).toEqual({ digest: pushed['linux/arm/v7'], platform: 'linux/arm/v7', read: new Date().toISOString().slice(0, 10) });
  expect((await fleetCli('update', 'bases', '--check', '--manifest', manifest, '--lock', lockFile)).code).toBe(0);

  // WHEN the tag is pushed again with another arm64 image
  const moved = await pushPlatformIndex(api, 'fleet-e2e/multi', '1', ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/386']);
  expect(moved['linux/arm64']).not.toBe(pushed['linux/arm64/v8']);
  const check = await fleetCli('update', 'bases', '--check', '--manifest', manifest, '--lock', lockFile);
  // THEN --check fails naming the moved platform only, and writes nothing
  expect(check.code).toBe(2);
  expect(check.err).toContain(`fleet-e2e/multi:1 (aarch64): the tag moved from ${pushed['linux/arm64/v8']} to ${moved['linux/arm64']}`);
  expect(check.err).not.toContain('(x86_64)');
  expect(readBaseLock(lockFile).bases[`${env.registry}/fleet-e2e/multi:1`].aarch64.digest).toBe(pushed['linux/arm64/v8']);

  // AND an arch the index does not offer is an error naming the platforms it has
  const missing = await fleetCli('update', 'bases', '--manifest', manifestFrom(`${env.registry}/fleet-e2e/multi:1`, ['ppc64le']), '--lock', path.join(dir, 'ppc.json'));
  expect(missing.code).toBe(2);
  expect(missing.err).toContain('the index has no linux/ppc64le manifest (it lists: linux/amd64, linux/arm64, linux/arm/v7, linux/386)');
});

test('a registry with token authentication is answered through the token handshake, with the credentials from the environment', async () => {
  // GIVEN a second registry that accepts only tokens from a token server that wants a password
  const auth = path.join(dir, 'token-registry');
  fs.mkdirSync(auth, { recursive: true });
  const issuer = new TokenIssuer(auth, 'fleet-e2e-token', 'fleet-e2e-registry');
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const tokens = await startTokenServer(issuer, 'fleet', password);
  const registry = await startTokenRegistry(auth, 5001, tokens.realm, issuer);
  const saved = { ...process.env };
  try {
    const pushed = await pushPlatformIndex(registry.api, 'fleet-e2e/private', '12', ['linux/amd64', 'linux/arm64'],
      issuer.token('fleet', 'repository:fleet-e2e/private:pull,push'));
    const manifest = manifestFrom('127.0.0.1:5001/fleet-e2e/private:12', ['x86_64']);
    const lockFile = path.join(auth, 'bases.json');
    // WHEN the bases are updated without credentials, THEN the token request is refused and the error says what to set
    delete process.env.FLEET_BASES_USERNAME;
    delete process.env.FLEET_BASES_PASSWORD;
    delete process.env.FLEET_BASES_REGISTRY;
    const anonymous = await fleetCli('update', 'bases', '--manifest', manifest, '--lock', lockFile);
    expect(anonymous.code).toBe(2);
    expect(anonymous.err).toContain('the token request answered HTTP 401 (no credentials were given for this registry: set FLEET_BASES_REGISTRY, FLEET_BASES_USERNAME and FLEET_BASES_PASSWORD)');
    expect(tokens.log.refused).toBe(1);
    // AND credentials meant for another registry are not sent to this one's token server
    Object.assign(process.env, { FLEET_BASES_REGISTRY: 'ghcr.io', FLEET_BASES_USERNAME: 'fleet', FLEET_BASES_PASSWORD: password });
    expect((await fleetCli('update', 'bases', '--manifest', manifest, '--lock', lockFile)).code).toBe(2);
    expect(tokens.log.refused).toBe(2);
    // WHEN they are given, THEN the handshake gets a pull token for the repository and the digest is pinned
    Object.assign(process.env, { FLEET_BASES_REGISTRY: '127.0.0.1:5001', FLEET_BASES_USERNAME: 'fleet', FLEET_BASES_PASSWORD: password });
    const update = await fleetCli('update', 'bases', '--manifest', manifest, '--lock', lockFile);
    expect([update.code, update.err]).toEqual([0, '']);
    expect(tokens.log.granted).toEqual(['repository:fleet-e2e/private:pull']);
    expect(readBaseLock(lockFile).bases['127.0.0.1:5001/fleet-e2e/private:12'].x86_64.digest).toBe(pushed['linux/amd64']);
    // AND the password is in neither the output nor the lock
    expect(`${update.out}${anonymous.err}${fs.readFileSync(lockFile, 'utf8')}`).not.toContain(password);
  } finally {
    process.env = saved;
    registry.process.kill();
    await tokens.close();
  }
});
