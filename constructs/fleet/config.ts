import { ALL_ARCHES, isArch } from '../../policies';
import type { Arch } from '../../policies';
import type { BackendConfig } from '../private/backend';
import { fail, show } from '../private/errors';
import { DOCKER_HOST, DOCKER_HOST_SCHEMES, GITHUB_REPOSITORY, REGISTRY } from '../private/formats';

export type { BackendConfig } from '../private/backend';

/** The settings a fleet takes, from props, the environment or cdktf.json `context.fleet`. */
export interface FleetSettings {
  /**
   * Registry (and namespace) every image is pushed to.
   *
   * @default - FLEET_REGISTRY, else context.fleet.registry, else `localhost:5000`
   */
  readonly registry?: string;
  /**
   * `owner/name` of the GitHub repository whose workflows build the fleet.
   *
   * @default - FLEET_GITHUB_REPOSITORY, else context.fleet.githubRepository, else none
   */
  readonly githubRepository?: string;
  /**
   * Docker engine per arch.
   *
   * @default - FLEET_DOCKER_HOST_<ARCH>, else context.fleet.dockerHosts, else the provider default
   */
  readonly dockerHosts?: Partial<Record<Arch, string>>;
  /**
   * Branch the build workflow deploys from.
   *
   * @default - context.fleet.defaultBranch, else `main`
   */
  readonly defaultBranch?: string;
  /**
   * Terraform backend of every image stack.
   *
   * @default - context.fleet.backend, else local state files in the project directory
   */
  readonly backend?: BackendConfig;
}

/** The fleet's deployment settings, resolved. */
export interface FleetConfig {
  readonly registry: string;
  /** Docker engine per arch; an arch not listed uses the provider default (DOCKER_HOST or the local socket). */
  readonly dockerHosts: Partial<Record<Arch, string>>;
  /** `owner/name` of the repository whose workflows build the fleet, when configured. */
  readonly githubRepository: string | null;
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

/** Where the settings come from. */
export interface ConfigSources {
  /** The ImageFleet props (plain JavaScript callers may pass anything). */
  readonly props?: unknown;
  /** The value of cdktf.json `context.fleet` (undefined when absent). */
  readonly context?: unknown;
  /** The process environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

type Key = keyof FleetSettings;
const KEYS: readonly Key[] = ['registry', 'dockerHosts', 'githubRepository', 'defaultBranch', 'backend'];
/** The environment variable of each key that has one. */
const ENV: Partial<Record<Key, string>> = { registry: 'FLEET_REGISTRY', githubRepository: 'FLEET_GITHUB_REPOSITORY' };
const DOCKER_HOST_ENV = /^FLEET_DOCKER_HOST_(.+)$/;

/** A value and the name it was given under, for messages. */
interface Given {
  readonly value: unknown;
  readonly key: string;
}

/**
 * The one configuration resolver: for every key, props over the environment over cdktf.json
 * `context.fleet` over the embedded default; every value is validated once, and a bad one
 * throws a message naming where it came from (prop, variable or context key), the value, the
 * allowed values and the fix.
 */
export function resolveFleetConfig(sources: ConfigSources): FleetConfig {
  const props = readObject(sources.props, 'ImageFleet props', 'pass an object: new ImageFleet(app, \'fleet\', { registry: \'quay.io/pypa\' })');
  const context = readObject(sources.context, 'context.fleet', 'write "context": { "fleet": { "registry": "…" } } in cdktf.json');
  const env = sources.env ?? {};
  const pick = (key: Key): Given | undefined => {
    if (props[key] !== undefined) {
      return { value: props[key], key: `ImageFleet props.${key}` };
    }
    const variable = ENV[key];
    if (variable !== undefined && env[variable] !== undefined) {
      return { value: env[variable], key: variable };
    }
    return context[key] !== undefined ? { value: context[key], key: `context.fleet.${key}` } : undefined;
  };
  return {
    registry: resolveRegistry(pick('registry')),
    githubRepository: resolveRepository(pick('githubRepository')),
    defaultBranch: resolveBranch(pick('defaultBranch')),
    dockerHosts: resolveDockerHosts(props.dockerHosts, context.dockerHosts, env),
    backend: resolveBackend(pick('backend')),
  };
}

function readObject(value: unknown, name: string, fix: string): Record<string, unknown> {
  if (value === undefined || value === null) {
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    fail(name, { what: `expected an object, got ${show(value)}`, fix });
  }
  const unknown = Object.keys(value).filter((key) => !(KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    fail(`${name}.${unknown[0]}`, {
      what: `unknown key ${show(unknown[0])}`,
      allowed: KEYS,
      fix: 'remove it or correct its spelling',
    });
  }
  return value as Record<string, unknown>;
}

function resolveRegistry(given: Given | undefined): string {
  if (given === undefined) {
    return DEFAULT_CONFIG.registry;
  }
  if (typeof given.value !== 'string' || !REGISTRY.test(given.value)) {
    fail(given.key, {
      what: `registry ${show(given.value)} is not a registry host with an optional lower-case path`,
      allowed: ['localhost:5000', 'quay.io/pypa', 'ghcr.io/<owner>'],
      fix: 'give host[:port][/namespace] without a scheme (no https://) or a tag',
    });
  }
  return given.value;
}

function resolveRepository(given: Given | undefined): string | null {
  if (given === undefined) {
    return DEFAULT_CONFIG.githubRepository;
  }
  if (typeof given.value !== 'string' || !GITHUB_REPOSITORY.test(given.value)) {
    fail(given.key, {
      what: `repository ${show(given.value)} is not of the form owner/name`,
      fix: 'set it like FLEET_GITHUB_REPOSITORY=my-org/manylinux-fleet',
    });
  }
  return given.value;
}

function resolveBranch(given: Given | undefined): string {
  if (given === undefined) {
    return DEFAULT_CONFIG.defaultBranch;
  }
  const branch = given.value;
  if (typeof branch !== 'string' || !/^[A-Za-z0-9._/-]+$/.test(branch) || branch.includes('..')) {
    fail(given.key, {
      what: `branch ${show(branch)} is not a branch name`,
      fix: 'give the repository\'s default branch, e.g. "main"',
    });
  }
  return branch;
}

function resolveDockerHosts(fromProps: unknown, fromContext: unknown, env: Readonly<Record<string, string | undefined>>): Partial<Record<Arch, string>> {
  // Lowest priority first: context, then environment, then props.
  const hosts: Record<string, Given> = {};
  const layer = (value: unknown, name: string) => {
    if (value === undefined) {
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(name, {
        what: `expected an object of arch → host, got ${show(value)}`,
        fix: 'write "dockerHosts": { "aarch64": "ssh://builder@arm-host" }',
      });
    }
    for (const [arch, host] of Object.entries(value)) {
      hosts[arch] = { value: host, key: `${name}.${arch}` };
    }
  };
  layer(fromContext, 'context.fleet.dockerHosts');
  for (const [name, value] of Object.entries(env)) {
    const match = DOCKER_HOST_ENV.exec(name);
    if (match && value !== undefined) {
      hosts[match[1].toLowerCase()] = { value, key: name };
    }
  }
  layer(fromProps, 'ImageFleet props.dockerHosts');
  const resolved: Partial<Record<Arch, string>> = {};
  for (const [arch, { value, key }] of Object.entries(hosts)) {
    if (!isArch(arch)) {
      fail(key, {
        what: `unknown architecture ${show(arch)}`,
        allowed: ALL_ARCHES,
        fix: 'name the architecture as in wheel tags, e.g. FLEET_DOCKER_HOST_AARCH64',
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

function resolveBackend(given: Given | undefined): BackendConfig {
  if (given === undefined) {
    return DEFAULT_CONFIG.backend;
  }
  const backend = given.value as Record<string, unknown> | null;
  const optionalString = (v: unknown) => v === undefined || typeof v === 'string';
  if (backend?.type === 'local' && optionalString(backend.dir)) {
    return { type: 'local', dir: backend.dir as string | undefined };
  }
  if (backend?.type === 's3' && typeof backend.bucket === 'string' && typeof backend.region === 'string' && optionalString(backend.keyPrefix)) {
    return { type: 's3', bucket: backend.bucket, region: backend.region, keyPrefix: backend.keyPrefix as string | undefined };
  }
  return fail(given.key, {
    what: `backend ${show(given.value)} is not a known backend`,
    allowed: ['{ "type": "local", "dir"?: string }', '{ "type": "s3", "bucket": string, "region": string, "keyPrefix"?: string }'],
    fix: 'use one of these shapes',
  });
}
