/**
 * Which wheels install on which target: a wheel file name's tags against one lock environment
 * (Python minor, implementation, the image's platform tag such as manylinux_2_17_x86_64).
 */

import { parsePlatformTag, platformWithin } from '../../../constructs';
import type { LockEnvironment, PlatformTag } from '../../../constructs';

export interface WheelTags {
  readonly pythons: readonly string[];
  readonly abis: readonly string[];
  readonly platforms: readonly string[];
}

/** The tags of a wheel file name, or undefined when it is not a wheel. */
export function wheelTags(filename: string): WheelTags | undefined {
  const m = /^(.+?)-(.+?)(?:-(\d[^-]*))?-([^-]+)-([^-]+)-([^-]+)\.whl$/.exec(filename);
  if (!m) {
    return undefined;
  }
  return { pythons: m[4].split('.'), abis: m[5].split('.'), platforms: m[6].split('.') };
}

function platformFits(wheelPlatform: string, target: PlatformTag): boolean {
  if (wheelPlatform === 'any') {
    return true;
  }
  const wheel = parsePlatformTag(wheelPlatform);
  return wheel !== undefined && platformWithin(wheel, target);
}

function pythonFits(python: string, abi: string, env: LockEnvironment): boolean {
  const minor = Number(env.python.split('.')[1]);
  const cp = /^cp3(\d+)$/.exec(python);
  if (abi === 'none') {
    const py = /^py3(\d*)$/.exec(python);
    if (py) {
      return py[1] === '' || Number(py[1]) <= minor;
    }
    return env.implementation === 'cpython' && cp !== null && Number(cp[1]) === minor;
  }
  if (env.implementation !== 'cpython' || !cp) {
    return env.implementation === 'pypy' && python.startsWith(`pp3${minor}`);
  }
  return abi === 'abi3' ? Number(cp[1]) <= minor : abi === `cp3${minor}` && Number(cp[1]) === minor;
}

/** Whether a wheel with these tags installs in `env`. */
export function wheelFits(tags: WheelTags, env: LockEnvironment): boolean {
  const target = parsePlatformTag(env.platform);
  if (!target) {
    throw new Error(`lock environment platform '${env.platform}' is not a manylinux/musllinux tag`);
  }
  return tags.platforms.some((p) => platformFits(p, target))
    && tags.pythons.some((py) => tags.abis.some((abi) => pythonFits(py, abi, env)));
}
