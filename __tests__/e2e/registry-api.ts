/**
 * What the base-pinning tests need of a registry beyond Docker: pushing a small multi-platform
 * OCI index through the distribution API, and a token server for a registry started with token
 * authentication (Docker's token spec: RS256 JWTs whose x5c header carries a certificate the
 * registry's rootcertbundle trusts).
 */
import { spawn, spawnSync } from 'child_process';
import type { ChildProcess } from 'child_process';
import { createHash, createSign } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';

const sha256 = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

/** Uploads one blob (POST, then PUT with its digest). */
async function pushBlob(api: string, repository: string, data: Buffer, headers: Record<string, string>): Promise<string> {
  const digest = sha256(data);
  const started = await fetch(`${api}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers });
  if (started.status !== 202) {
    throw new Error(`blob upload to ${repository} did not start: HTTP ${started.status} ${await started.text()}`);
  }
  const location = new URL(started.headers.get('location')!, api);
  location.searchParams.set('digest', digest);
  const put = await fetch(location.href, { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/octet-stream' }, body: data });
  if (put.status !== 201) {
    throw new Error(`blob ${digest} was not stored: HTTP ${put.status} ${await put.text()}`);
  }
  return digest;
}

async function putManifest(api: string, repository: string, reference: string, type: string, body: Buffer, headers: Record<string, string>): Promise<void> {
  const put = await fetch(`${api}/v2/${repository}/manifests/${reference}`, { method: 'PUT', headers: { ...headers, 'Content-Type': type }, body });
  if (put.status !== 201) {
    throw new Error(`manifest ${repository}:${reference} was not stored: HTTP ${put.status} ${await put.text()}`);
  }
}

/**
 * Pushes `repository:tag` as an OCI index of one empty image per platform (`linux/arm/v7`…);
 * returns each platform's manifest digest, as the registry must then serve it.
 */
export async function pushPlatformIndex(api: string, repository: string, tag: string, platforms: readonly string[], token?: string): Promise<Record<string, string>> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const digests: Record<string, string> = {};
  const entries = [];
  for (const platform of platforms) {
    const [os, architecture, variant] = platform.split('/');
    const config = Buffer.from(JSON.stringify({ architecture, os, ...(variant ? { variant } : {}), rootfs: { type: 'layers', diff_ids: [] }, config: {} }));
    const configDigest = await pushBlob(api, repository, config, headers);
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length }, layers: [],
    }));
    digests[platform] = sha256(manifest);
    await putManifest(api, repository, digests[platform], OCI_MANIFEST, manifest, headers);
    entries.push({ mediaType: OCI_MANIFEST, digest: digests[platform], size: manifest.length, platform: { architecture, os, ...(variant ? { variant } : {}) } });
  }
  await putManifest(api, repository, tag, OCI_INDEX, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: entries })), headers);
  return digests;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** A token issuer: a key, its self-signed certificate, and the JWTs it signs. */
export class TokenIssuer {
  readonly certificateFile: string;
  private readonly key: string;
  private readonly certificateDer: string;

  constructor(dir: string, readonly issuer: string, readonly service: string) {
    const keyFile = path.join(dir, 'token.key');
    this.certificateFile = path.join(dir, 'token.crt');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', this.certificateFile,
      '-days', '1', '-subj', `/CN=${issuer}`], { encoding: 'utf8' });
    if (made.status !== 0) {
      throw new Error(`openssl could not make the token certificate: ${made.stderr}`);
    }
    this.key = fs.readFileSync(keyFile, 'utf8');
    this.certificateDer = fs.readFileSync(this.certificateFile, 'utf8').replace(/-----[A-Z ]+-----|\s/g, '');
  }

  /** A token granting `actions` on a repository (scope `repository:<name>:<actions>`). */
  token(subject: string, scope: string | null): string {
    const now = Math.floor(Date.now() / 1000);
    const access = scope ? [{ type: scope.split(':')[0], name: scope.split(':')[1], actions: scope.split(':')[2].split(',') }] : [];
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [this.certificateDer] }));
    const claims = base64url(JSON.stringify({ iss: this.issuer, sub: subject, aud: this.service, exp: now + 300, nbf: now - 10, iat: now, jti: `${now}-${Math.random()}`, access }));
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(this.key);
    return `${header}.${claims}.${base64url(signature)}`;
  }
}

/** What the token server saw: the requests it answered, by outcome. */
export interface TokenLog {
  granted: string[];
  refused: number;
}

/**
 * Serves the token realm on a loopback port: HTTP Basic with `username:password` gets a token
 * for the scope asked; anything else gets 401.
 */
export async function startTokenServer(issuer: TokenIssuer, username: string, password: string): Promise<{ realm: string; log: TokenLog; close: () => Promise<void> }> {
  const log: TokenLog = { granted: [], refused: 0 };
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.headers.authorization !== expected || url.searchParams.get('service') !== issuer.service) {
      log.refused += 1;
      response.writeHead(401).end();
      return;
    }
    const scope = url.searchParams.get('scope');
    log.granted.push(scope ?? '');
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: issuer.token(username, scope) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { realm: `http://127.0.0.1:${port}/token`, log, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Starts Debian's docker-registry on `port` with token authentication; resolves once it answers. */
export async function startTokenRegistry(dir: string, port: number, realm: string, issuer: TokenIssuer): Promise<{ api: string; process: ChildProcess }> {
  const config = path.join(dir, 'registry.yml');
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  fs.writeFileSync(config, [
    'version: 0.1',
    'log: {level: warn}',
    `storage: {filesystem: {rootdirectory: ${path.join(dir, 'data')}}, delete: {enabled: true}}`,
    `http: {addr: "127.0.0.1:${port}"}`,
    'auth:',
    '  token:',
    `    realm: ${realm}`,
    `    service: ${issuer.service}`,
    `    issuer: ${issuer.issuer}`,
    `    rootcertbundle: ${issuer.certificateFile}`,
    '',
  ].join('\n'));
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', fs.openSync(path.join(dir, 'registry.log'), 'a')] });
  const api = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const status = await fetch(`${api}/v2/`).then((r) => r.status, () => 0);
    if (status === 401) {
      return { api, process: child };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`the token-auth registry on ${api} did not answer 401 on /v2/ (see ${path.join(dir, 'registry.log')})`);
}
