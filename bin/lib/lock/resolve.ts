/**
 * Resolves a lock request against a package index: every requirement and its dependencies,
 * each at the newest release that satisfies every constraint on it and has a wheel for every
 * environment that needs it, with the sha256 of every such wheel. Markers are evaluated for the
 * lock's environments (never for this machine) and kept on the lines pip reads, so one lock
 * serves every image it covers.
 */
import { andMarkers, compareVersions, evaluateMarker, isPreRelease, markerEnvironments, orMarkers, parseMarker, parseVersion, satisfies } from '../../../constructs';
import type { LockEnvironment, LockRequest } from '../../../constructs';
import { normalizeName } from './pypi';
import type { PackageIndex, ReleaseFile } from './pypi';
import { wheelFits, wheelTags } from './wheels';

/** One line of a lock file. */
export interface LockedPackage {
  readonly name: string;
  readonly version: string;
  /** '' when it installs everywhere the lock does. */
  readonly marker: string;
  readonly hashes: readonly string[];
  /** Who requires it (`-r requirements` for the request's own lines). */
  readonly via: readonly string[];
}

export interface Requirement {
  readonly name: string;
  readonly extras: readonly string[];
  readonly specifier: string;
  readonly marker: string;
}

/** Reads a PEP 508 requirement (`name[extra]>=1,<2 ; marker`); URLs are refused. */
export function parseRequirement(text: string): Requirement {
  const [spec, ...markerParts] = text.split(';');
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?\s*\(?([^()@]*?)\)?\s*$/.exec(spec);
  if (!m) {
    throw new Error(`unsupported requirement '${text}' (name, extras, version specifiers and a marker only)`);
  }
  return {
    name: normalizeName(m[1]),
    extras: (m[2] ?? '').split(',').map((e) => e.trim()).filter(Boolean),
    specifier: m[3].replace(/\s+/g, ''),
    marker: markerParts.join(';').trim(),
  };
}


function markerHolds(marker: string, env: LockEnvironment, extras: readonly string[] = ['']): boolean {
  if (!marker) {
    return true;
  }
  const node = parseMarker(marker);
  return markerEnvironments(env).some((vars) => extras.some((extra) => evaluateMarker(node, { ...vars, extra })));
}

interface Node {
  specifiers: string[];
  extras: Set<string>;
  /** undefined: not needed yet; '': always. */
  marker: string | undefined;
  via: Set<string>;
}

/** The newest release of `name` fitting every constraint, with its fitting wheels. */
async function choose(index: PackageIndex, name: string, node: Node, envs: readonly LockEnvironment[]): Promise<{ version: string; wheels: ReleaseFile[] }> {
  const releases = await index.releases(name);
  const candidates = Object.keys(releases)
    .map((text) => ({ text, version: parseVersion(text) }))
    .filter((c): c is { text: string; version: NonNullable<typeof c.version> } => c.version !== undefined)
    .filter((c) => !isPreRelease(c.version) || node.specifiers.some((s) => s === `==${c.text}`))
    .filter((c) => node.specifiers.every((s) => satisfies(c.version, s)))
    .sort((a, b) => compareVersions(b.version, a.version));
  const needed = envs.filter((env) => markerHolds(node.marker ?? '', env));
  for (const candidate of candidates) {
    const files = releases[candidate.text].filter((f) => !f.yanked);
    const fits = (f: ReleaseFile, env: LockEnvironment) => {
      const tags = wheelTags(f.filename);
      const python = parseVersion(`${env.python}.0`)!;
      return tags !== undefined && wheelFits(tags, env) && (!f.requiresPython || satisfies(python, f.requiresPython));
    };
    if (files.length > 0 && needed.every((env) => files.some((f) => fits(f, env)))) {
      return { version: candidate.text, wheels: files.filter((f) => needed.some((env) => fits(f, env))) };
    }
  }
  const constraint = node.specifiers.join(',') || 'any version';
  throw new Error(`no release of ${name} (${constraint}) has a wheel for ${needed.map((e) => `Python ${e.python} ${e.implementation} ${e.platform}`).join(', ')}`);
}

/** Resolves one lock request: its packages sorted by name. */
export async function resolveLock(request: LockRequest, index: PackageIndex): Promise<LockedPackage[]> {
  const envs = request.environments;
  // Constraints found late in an attempt, applied from the start of the next one.
  const learned = new Map<string, readonly string[]>();
  for (let attempt = 0; attempt < 20; attempt++) {
    const nodes = new Map<string, Node>();
    const chosen = new Map<string, { version: string; wheels: ReleaseFile[] }>();
    const queue: string[] = [];
    const need = (req: Requirement, marker: string, via: string) => {
      const node = nodes.get(req.name) ?? { specifiers: [...learned.get(req.name) ?? []], extras: new Set<string>(), marker: undefined, via: new Set<string>() };
      nodes.set(req.name, node);
      const before = JSON.stringify([node.specifiers, [...node.extras], node.marker]);
      if (req.specifier && !node.specifiers.includes(req.specifier)) {
        node.specifiers.push(req.specifier);
      }
      req.extras.forEach((extra) => node.extras.add(extra));
      node.marker = node.marker === undefined ? marker : orMarkers(node.marker, marker);
      node.via.add(via);
      if (JSON.stringify([node.specifiers, [...node.extras], node.marker]) !== before) {
        queue.push(req.name);
      }
    };
    for (const line of request.requirements) {
      const req = parseRequirement(line);
      need(req, req.marker, '-r requirements');
    }
    let restart = false;
    while (queue.length > 0 && !restart) {
      const name = queue.shift()!;
      const node = nodes.get(name)!;
      const previous = chosen.get(name);
      const pick = await choose(index, name, node, envs);
      if (previous && previous.version !== pick.version) {
        learned.set(name, node.specifiers);
        restart = true; // a later constraint moved an expanded package: start over with it known
        break;
      }
      chosen.set(name, pick);
      const extras = ['', ...node.extras];
      for (const line of await index.requiresDist(name, pick.version)) {
        const dep = parseRequirement(line);
        const active = envs.filter((env) => markerHolds(node.marker ?? '', env) && markerHolds(dep.marker, env, extras));
        if (active.length === 0) {
          continue;
        }
        // A marker on `extra` means "because an extra was asked for": the parent's marker decides.
        need(dep, /\bextra\b/.test(dep.marker) ? node.marker ?? '' : andMarkers(node.marker ?? '', dep.marker), name);
      }
    }
    if (restart) {
      continue;
    }
    return [...chosen.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, pick]) => ({
      name,
      version: pick.version,
      marker: nodes.get(name)!.marker ?? '',
      hashes: [...new Set(pick.wheels.map((w) => w.sha256))].sort(),
      via: [...nodes.get(name)!.via].sort(),
    }));
  }
  throw new Error(`${request.file}: the requirements do not settle on one version each after 20 attempts`);
}
