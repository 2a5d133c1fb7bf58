/**
 * Reads a base image reference's digest for one platform through the registry HTTP API (OCI
 * distribution spec, https://github.com/opencontainers/distribution-spec/blob/main/spec.md):
 * GET the tag's manifest; answer a `Bearer` challenge with the token handshake (Docker's token
 * authentication spec: realm, service, scope; credentials only when given); in an image index
 * or manifest list, the entry of the platform; its manifest fetched by digest and its sha256
 * checked. A tag that is a single-platform manifest is accepted only when its config names the
 * platform.
 */
import { createHash } from 'crypto';
import { splitTag } from '../../../constructs';

const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];
const MANIFEST_TYPES = ['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json'];
const ACCEPT = [...INDEX_TYPES, ...MANIFEST_TYPES].join(', ');

/** A reference split the way Docker reads it. */
export interface ParsedReference {
  /** The registry host as written (`docker.io` when none is). */
  readonly registry: string;
  /** The repository path on that registry (`library/alpine` for `alpine`). */
  readonly repository: string;
  readonly tag: string;
}

/** `quay.io/pypa/x:1` → quay.io, pypa/x, 1; `alpine:3.22` → docker.io, library/alpine, 3.22. */
export function parseReference(reference: string): ParsedReference {
  if (reference.includes('@')) {
    throw new Error(`${reference}: a reference with a digest is already pinned; the lock resolves tags`);
  }
  const slash = reference.indexOf('/');
  const first = slash < 0 ? '' : reference.slice(0, slash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  const registry = hasRegistry ? first : 'docker.io';
  const { name: rest, tag } = splitTag(hasRegistry ? reference.slice(slash + 1) : reference);
  const repository = registry === 'docker.io' && !rest.includes('/') ? `library/${rest}` : rest;
  return { registry, repository, tag };
}

/** The API base of a registry: Docker Hub's API host; plain HTTP on loopback (as Docker allows), else HTTPS. */
export function apiBase(registry: string): string {
  if (registry === 'docker.io') {
    return 'https://registry-1.docker.io';
  }
  const host = registry.replace(/:\d+$/, '');
  return `${isLoopback(host) ? 'http' : 'https'}://${registry}`;
}

/** Credentials for one registry's token realm (never printed, never sent for another registry). */
export interface Credentials {
  /** The registry host they are for, as references write it (`ghcr.io`, `127.0.0.1:5001`). */
  readonly registry: string;
  readonly username: string;
  readonly password: string;
}

const isLoopback = (host: string) => ['localhost', '127.0.0.1', '[::1]'].includes(host);

/** A Docker platform as an index lists it. */
interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

/** `linux/arm/v7` → os linux, architecture arm, variant v7. */
function platformOf(dockerPlatform: string): Platform {
  const [os, architecture, variant] = dockerPlatform.split('/');
  return { os, architecture, variant };
}

/** The variant a platform without one means (the OCI image index spec's platform.variant values). */
const DEFAULT_VARIANT: Readonly<Record<string, string>> = { arm64: 'v8', amd64: 'v1', arm: 'v7' };

/** An index entry serves the platform: same os, architecture and variant (an absent variant is the architecture's default). */
function serves(entry: Platform | undefined, wanted: Platform): boolean {
  const variant = (p: Platform) => p.variant ?? DEFAULT_VARIANT[p.architecture] ?? '';
  return entry?.os === wanted.os && entry.architecture === wanted.architecture && variant(entry) === variant(wanted);
}

const show = (platform: Platform | undefined) => (platform ? [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/') : 'no platform');

/** What was resolved: the platform manifest's digest and the URL the tag was read from. */
export interface ResolvedDigest {
  readonly digest: string;
  readonly url: string;
}

/** One registry conversation: tokens are reused per scope. */
export class RegistryClient {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly credentials?: Credentials) {}

  /** The digest of `reference`'s manifest for `dockerPlatform`, verified by its sha256. */
  async resolve(reference: string, dockerPlatform: string): Promise<ResolvedDigest> {
    const { registry, repository, tag } = parseReference(reference);
    const base = `${apiBase(registry)}/v2/${repository}`;
    const credentials = this.credentials?.registry === registry ? this.credentials : undefined;
    const wanted = platformOf(dockerPlatform);
    const url = `${base}/manifests/${tag}`;
    const top = await this.get(url, ACCEPT, credentials);
    const type = mediaType(top);
    if (INDEX_TYPES.includes(type)) {
      const manifests = (JSON.parse(top.body.toString('utf8')).manifests ?? []) as { digest: string; platform?: Platform }[];
      const entry = manifests.find((m) => serves(m.platform, wanted));
      if (entry === undefined) {
        throw new Error(`${reference}: the index has no ${dockerPlatform} manifest (it lists: ${manifests.map((m) => show(m.platform)).join(', ') || 'nothing'})`);
      }
      const manifest = await this.get(`${base}/manifests/${entry.digest}`, MANIFEST_TYPES.join(', '), credentials);
      verify(reference, manifest.body, entry.digest);
      return { digest: entry.digest, url };
    }
    if (!MANIFEST_TYPES.includes(type)) {
      throw new Error(`${reference}: the registry answered with a ${type || 'untyped'} document, not an image manifest or index`);
    }
    const digest = `sha256:${sha256(top.body)}`;
    const served = top.headers.get('docker-content-digest');
    if (served && served !== digest) {
      throw new Error(`${reference}: the manifest's sha256 is ${digest}, the registry says ${served}`);
    }
    const configDigest = JSON.parse(top.body.toString('utf8')).config?.digest as string | undefined;
    if (!configDigest) {
      throw new Error(`${reference}: the manifest names no config blob, so its platform cannot be checked`);
    }
    const config = await this.get(`${base}/blobs/${configDigest}`, '*/*', credentials);
    verify(`${reference} (config)`, config.body, configDigest);
    const platform = JSON.parse(config.body.toString('utf8')) as Platform;
    if (!serves(platform, wanted)) {
      throw new Error(`${reference}: the tag is a single-platform image for ${show(platform)}, not ${dockerPlatform}`);
    }
    return { digest, url };
  }

  private async get(url: string, accept: string, credentials: Credentials | undefined): Promise<{ body: Buffer; headers: Headers }> {
    const parsed = new URL(url);
    const scopeKey = `${parsed.origin}${parsed.pathname.replace(/\/(manifests|blobs)\/.*$/, '')}`;
    const headers = (token?: string): Record<string, string> => ({ Accept: accept, ...(token ? { Authorization: `Bearer ${token}` } : {}) });
    let response = await request(url, headers(this.tokens.get(scopeKey)));
    if (response.status === 401) {
      const token = await this.token(url, response.headers.get('www-authenticate') ?? '', credentials);
      this.tokens.set(scopeKey, token);
      response = await request(url, headers(token));
    }
    if (!response.ok) {
      throw new Error(`${url}: HTTP ${response.status}${response.status === 401 ? ' after the token handshake (the credentials do not grant pull)' : ''}`);
    }
    return { body: Buffer.from(await response.arrayBuffer()), headers: response.headers };
  }

  /** The token handshake: the challenge's realm asked for the challenge's service and scope. */
  private async token(url: string, challenge: string, credentials: Credentials | undefined): Promise<string> {
    const params = parseChallenge(challenge);
    if (params === undefined) {
      throw new Error(`${url}: HTTP 401 without a Bearer challenge (got ${JSON.stringify(challenge)}); only token authentication is supported`);
    }
    const realm = new URL(params.realm);
    if (realm.protocol !== 'https:' && !isLoopback(realm.hostname)) {
      throw new Error(`${url}: the token realm ${realm.origin} is not HTTPS; refusing to ask it for a token`);
    }
    for (const key of ['service', 'scope']) {
      if (params[key]) {
        realm.searchParams.set(key, params[key]);
      }
    }
    const auth: Record<string, string> = credentials
      ? { Authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` }
      : {};
    const response = await request(realm.href, auth);
    if (!response.ok) {
      throw new Error(`${realm.origin}${realm.pathname}: the token request answered HTTP ${response.status}${credentials ? '' : ' (no credentials were given for this registry: set FLEET_BASES_REGISTRY, FLEET_BASES_USERNAME and FLEET_BASES_PASSWORD)'}`);
    }
    const body = await response.json() as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) {
      throw new Error(`${realm.origin}${realm.pathname}: the token response has no token`);
    }
    return token;
  }
}

/** `Bearer realm="…",service="…",scope="…"` → its parameters; undefined for any other scheme. */
export function parseChallenge(challenge: string): Record<string, string> & { realm: string } | undefined {
  const match = /^Bearer\s+(.*)$/i.exec(challenge.trim());
  if (!match) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const [, key, value] of match[1].matchAll(/([a-z_]+)="([^"]*)"/gi)) {
    params[key.toLowerCase()] = value;
  }
  return params.realm ? params as Record<string, string> & { realm: string } : undefined;
}

async function request(url: string, headers: Record<string, string>): Promise<Response> {
  try {
    return await fetch(url, { headers, redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`${new URL(url).origin}: cannot connect (${cause?.code ?? cause?.message ?? (error as Error).message})`);
  }
}

function mediaType(response: { body: Buffer; headers: Headers }): string {
  const header = (response.headers.get('content-type') ?? '').split(';')[0].trim();
  if (INDEX_TYPES.includes(header) || MANIFEST_TYPES.includes(header)) {
    return header;
  }
  try {
    return String(JSON.parse(response.body.toString('utf8')).mediaType ?? header);
  } catch {
    return header;
  }
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function verify(what: string, body: Buffer, digest: string): void {
  const actual = `sha256:${sha256(body)}`;
  if (actual !== digest) {
    throw new Error(`${what}: the document served for ${digest} hashes to ${actual}`);
  }
}
