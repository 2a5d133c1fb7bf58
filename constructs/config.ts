import { ALL_ARCHES, isArch } from '../policies';
import type { Arch } from '../policies';
import { fail, show } from './private/errors';
import { DOCKER_HOST, DOCKER_HOST_SCHEMES, GITHUB_REPOSITORY, REGISTRY } from './private/formats';

/** Where Terraform keeps each image stack's state. */
export type BackendConfig =
  | {
    readonly type: 'local';
    /**
     * Directory for `<image id>.tfstate` files.
     *
     * @default - the project directory (cdktf's default: `terraform.<stack>.tfstate`)
     */
    readonly dir?: string;
  }
  | {
    readonly type: 's3';
    readonly bucket: string;
    readonly region: string;
    /**
     * Prefix of each stack's state key (`<prefix><image id>.tfstate`).
     *
     * @default 'manylinux-fleet/'
     */
    readonly keyPrefix?: string;
  };

/** The fleet's deployment settings, resolved. */
export interface FleetConfig {
  /** Registry (and namespace) images are pushed to. */
  readonly registry: string;
  /** Docker engine per arch; an arch not listed uses the provider default (DOCKER_HOST or the local socket). */
  readonly dockerHosts: Partial<Record<Arch, string>>;
  /** `owner/name` of the repository whose workflows build the fleet, when configured. */
  readonly githubRepository: string | null;
  /** Branch the build workflow deploys from. */
  readonly defaultBranch: string;
  readonly backend: BackendConfig;
}

/** The embedded default: everything local, nothing to configure. */
export const DEFAULT_CONFIG: FleetConfig = {
  registry: 'localhost:5000',
  dockerHosts: {},
  githubRepository: null,
  defaultBranch: 'main',
  backend: { type: 'local' },
};

/** The keys cdktf.json `context.fleet` may hold. */
const CONTEXT_KEYS = ['registry', 'dockerHosts', 'githubRepository', 'defaultBranch', 'backend'];

/**
 * Resolves the configuration: environment over cdktf.json context (`context.fleet`) over the
 * embedded default. Throws a message naming the key and the value on anything malformed.
 *
 * @param context the value of `context.fleet` (undefined when absent)
 * @param env the process environment
 */
export function resolveFleetConfig(context: unknown, env: Readonly<Record<string, string | undefined>>): FleetConfig {
  const ctx = readContext(context);
  const registry = env.FLEET_REGISTRY ?? ctx.registry ?? DEFAULT_CONFIG.registry;
  const registryKey = env.FLEET_REGISTRY !== undefined ? 'FLEET_REGISTRY' : 'context.fleet.registry';
  if (typeof registry !== 'string' || !REGISTRY.test(registry)) {
    fail(registryKey, {
      what: `registry ${show(registry)} is not a registry host with an optional lower-case path`,
      allowed: ['localhost:5000', 'quay.io/pypa', 'ghcr.io/<owner>'],
      fix: 'give host[:port][/namespace] without a scheme (no https://) or a tag',
    });
  }

  const repoKey = env.FLEET_GITHUB_REPOSITORY !== undefined ? 'FLEET_GITHUB_REPOSITORY' : 'context.fleet.githubRepository';
  const githubRepository = env.FLEET_GITHUB_REPOSITORY ?? ctx.githubRepository ?? null;
  if (githubRepository !== null && (typeof githubRepository !== 'string' || !GITHUB_REPOSITORY.test(githubRepository))) {
    fail(repoKey, {
      what: `repository ${show(githubRepository)} is not of the form owner/name`,
      fix: 'set it like FLEET_GITHUB_REPOSITORY=my-org/manylinux-fleet',
    });
  }

  const defaultBranch = ctx.defaultBranch ?? DEFAULT_CONFIG.defaultBranch;
  if (typeof defaultBranch !== 'string' || !/^[A-Za-z0-9._/-]+$/.test(defaultBranch) || defaultBranch.includes('..')) {
    fail('context.fleet.defaultBranch', {
      what: `branch ${show(defaultBranch)} is not a branch name`,
      fix: 'give the repository\'s default branch, e.g. "main"',
    });
  }

  return {
    registry,
    dockerHosts: resolveDockerHosts(ctx.dockerHosts, env),
    githubRepository,
    defaultBranch,
    backend: resolveBackend(ctx.backend),
  };
}

function readContext(context: unknown): Record<string, unknown> {
  if (context === undefined || context === null) {
    return {};
  }
  if (typeof context !== 'object' || Array.isArray(context)) {
    fail('context.fleet', {
      what: `expected an object, got ${show(context)}`,
      fix: 'write "context": { "fleet": { "registry": "…" } } in cdktf.json',
    });
  }
  const unknown = Object.keys(context).filter((key) => !CONTEXT_KEYS.includes(key));
  if (unknown.length > 0) {
    fail(`context.fleet.${unknown[0]}`, {
      what: `unknown key ${show(unknown[0])}`,
      allowed: CONTEXT_KEYS,
      fix: 'remove it or correct its spelling',
    });
  }
  return context as Record<string, unknown>;
}

function resolveDockerHosts(fromContext: unknown, env: Readonly<Record<string, string | undefined>>): Partial<Record<Arch, string>> {
  const hosts: Record<string, { value: unknown; key: string }> = {};
  if (fromContext !== undefined) {
    if (typeof fromContext !== 'object' || fromContext === null || Array.isArray(fromContext)) {
      fail('context.fleet.dockerHosts', {
        what: `expected an object of arch → host, got ${show(fromContext)}`,
        fix: 'write "dockerHosts": { "aarch64": "ssh://builder@arm-host" }',
      });
    }
    for (const [arch, value] of Object.entries(fromContext)) {
      hosts[arch] = { value, key: `context.fleet.dockerHosts.${arch}` };
    }
  }
  for (const [name, value] of Object.entries(env)) {
    const match = /^FLEET_DOCKER_HOST_(.+)$/.exec(name);
    if (match && value !== undefined) {
      hosts[match[1].toLowerCase()] = { value, key: name };
    }
  }
  const resolved: Partial<Record<Arch, string>> = {};
  for (const [arch, { value, key }] of Object.entries(hosts)) {
    if (!isArch(arch)) {
      fail(key, {
        what: `unknown architecture ${show(arch)}`,
        allowed: ALL_ARCHES,
        fix: `name the variable FLEET_DOCKER_HOST_<ARCH>, e.g. FLEET_DOCKER_HOST_AARCH64`,
      });
    }
    if (typeof value !== 'string' || !DOCKER_HOST.test(value)) {
      fail(key, {
        what: `Docker host ${show(value)} is not a Docker engine address`,
        allowed: DOCKER_HOST_SCHEMES,
        fix: 'give a URL with one of these schemes, e.g. ssh://builder@arm-host',
      });
    }
    resolved[arch] = value;
  }
  return resolved;
}

function resolveBackend(value: unknown): BackendConfig {
  if (value === undefined) {
    return DEFAULT_CONFIG.backend;
  }
  const backend = value as Record<string, unknown>;
  if (backend?.type === 'local' && (backend.dir === undefined || typeof backend.dir === 'string')) {
    return { type: 'local', dir: backend.dir as string | undefined };
  }
  if (backend?.type === 's3' && typeof backend.bucket === 'string' && typeof backend.region === 'string'
    && (backend.keyPrefix === undefined || typeof backend.keyPrefix === 'string')) {
    return { type: 's3', bucket: backend.bucket, region: backend.region, keyPrefix: backend.keyPrefix as string | undefined };
  }
  return fail('context.fleet.backend', {
    what: `backend ${show(value)} is not a known backend`,
    allowed: ['{ "type": "local", "dir"?: string }', '{ "type": "s3", "bucket": string, "region": string, "keyPrefix"?: string }'],
    fix: 'use one of these shapes',
  });
}
