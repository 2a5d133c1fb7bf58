/**
 * `fleet update tools [--check]`: each pinned Python tool (policies/tool-pins.json) moved to the
 * newest release on PyPI that the lock resolver accepts for every image that installs it: a
 * wheel for each of their platforms, Requires-Python admitting each tools Python, dependencies
 * that resolve. The resolver decides, with the tool's pin lifted from the lock requests the
 * fleets make; a tool whose lock requests disagree takes the oldest of their answers.
 */
import { TOOL_PINS } from '../../../policies';
import type { ToolPin } from '../../../policies';
import { compareVersions, parseVersion, satisfies } from '../../../constructs';
import type { LockRequest } from '../../../constructs';
import type { PackageIndex } from '../lock/pypi';
import { resolveLock } from '../lock/resolve';

/** One pin that moves. */
export interface PinChange {
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

/** The pins after the update, and what moved. */
export interface ToolUpdate {
  readonly pins: Readonly<Record<string, ToolPin>>;
  readonly changes: readonly PinChange[];
}

/** Python minors a Requires-Python is checked against to find the oldest it admits. */
const MINORS = Array.from({ length: 14 }, (_, i) => `3.${i + 6}`);

/** `>=3.10` → `3.10`: the oldest minor the specifier admits (undefined when none is excluded). */
export function oldestPython(requiresPython: string): string | undefined {
  if (requiresPython.trim() === '') {
    return undefined;
  }
  return MINORS.find((minor) => satisfies(parseVersion(`${minor}.0`)!, requiresPython));
}

/** `name==1.2` → `name`; other requirements stay as they are. */
const unpinned = (requirement: string, names: ReadonlySet<string>) => {
  const name = requirement.split('==')[0];
  return names.has(name) ? name : requirement;
};

/**
 * The newest pins the resolver accepts, from the lock requests the fleets make today (each
 * names the pinned tools as `name==version`).
 */
export async function newestPins(requests: readonly LockRequest[], index: PackageIndex, today: string,
  current: Readonly<Record<string, ToolPin>> = TOOL_PINS): Promise<ToolUpdate> {
  const names = new Set(Object.keys(current));
  const answers = new Map<string, string[]>();
  for (const request of requests.filter((r) => r.requirements.some((line) => names.has(line.split('==')[0])))) {
    const lifted = { ...request, requirements: request.requirements.map((line) => unpinned(line, names)) };
    for (const pkg of await resolveLock(lifted, index)) {
      if (names.has(pkg.name) && request.requirements.some((line) => line.split('==')[0] === pkg.name)) {
        answers.set(pkg.name, [...answers.get(pkg.name) ?? [], pkg.version]);
      }
    }
  }
  const pins: Record<string, ToolPin> = {};
  const changes: PinChange[] = [];
  for (const name of [...names].sort()) {
    const old = current[name];
    const versions = answers.get(name) ?? [old.version];
    const newest = versions.sort((a, b) => compareVersions(parseVersion(a)!, parseVersion(b)!))[0];
    if (newest === old.version) {
      pins[name] = old;
      continue;
    }
    const files = (await index.releases(name))[newest].filter((file) => !file.yanked);
    const requiresPython = oldestPython(files.find((file) => file.requiresPython)?.requiresPython ?? '');
    pins[name] = {
      version: newest,
      ...(requiresPython ? { requiresPython } : {}),
      source: `PyPI JSON API (newest release the lock resolver accepts for every image), read ${today}`,
    };
    changes.push({ name, from: old.version, to: newest });
  }
  return { pins, changes };
}

/** tool-pins.json as written: the comment kept, pins sorted by name. */
export function renderToolPins(comment: string, pins: Readonly<Record<string, ToolPin>>): string {
  const sorted = Object.fromEntries(Object.keys(pins).sort().map((name) => {
    const { version, requiresPython, source } = pins[name];
    return [name, { version, ...(requiresPython ? { requiresPython } : {}), source }];
  }));
  return `${JSON.stringify({ comment, pins: sorted }, null, 2)}\n`;
}
