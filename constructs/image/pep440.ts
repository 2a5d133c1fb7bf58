/**
 * PEP 440 versions and specifiers, as much of them as locking needs: parse, compare, match a
 * specifier set (`>=1.2,!=1.3.*,<2`), tell pre-releases apart.
 */

export interface Version {
  readonly text: string;
  readonly epoch: number;
  readonly release: readonly number[];
  /** ['a' | 'b' | 'rc', n] or undefined. */
  readonly pre?: readonly [string, number];
  readonly post?: number;
  readonly dev?: number;
}

const VERSION = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:(?:-(\d+))|(?:[-_.]?(?:post|rev|r)[-_.]?(\d*)))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[a-z0-9.]+)?$/i;
const PRE_NAMES: Record<string, string> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };

/** The parsed version, or undefined when `text` is not a PEP 440 version. */
export function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) {
    return undefined;
  }
  const num = (s: string | undefined) => (s ? Number(s) : 0);
  return {
    text,
    epoch: num(m[1]),
    release: m[2].split('.').map(Number),
    pre: m[3] ? [PRE_NAMES[m[3].toLowerCase()], num(m[4])] : undefined,
    post: m[5] !== undefined ? Number(m[5]) : m[6] !== undefined ? num(m[6]) : undefined,
    dev: m[7] !== undefined ? num(m[7]) : undefined,
  };
}

export function isPreRelease(v: Version): boolean {
  return v.pre !== undefined || v.dev !== undefined;
}

function compareRelease(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) {
      return Math.sign(d);
    }
  }
  return 0;
}

/** A sort key per PEP 440 (dev < pre < final < post). */
function suffixKey(v: Version): number[] {
  const PRE_RANK: Record<string, number> = { a: 0, b: 1, rc: 2 };
  // [pre phase, pre n, post, dev]: a missing pre sorts after any pre (final), unless it is a bare dev.
  const pre = v.pre ? [PRE_RANK[v.pre[0]], v.pre[1]] : v.dev !== undefined && v.post === undefined ? [-1, 0] : [3, 0];
  return [...pre, v.post ?? -1, v.dev ?? Number.POSITIVE_INFINITY];
}

export function compareVersions(a: Version, b: Version): number {
  if (a.epoch !== b.epoch) {
    return Math.sign(a.epoch - b.epoch);
  }
  const release = compareRelease(a.release, b.release);
  if (release !== 0) {
    return release;
  }
  const ka = suffixKey(a);
  const kb = suffixKey(b);
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) {
      return ka[i] < kb[i] ? -1 : 1;
    }
  }
  return 0;
}

interface Clause {
  readonly op: string;
  readonly version: string;
}

/** `>=1.2, <2` → clauses; throws on a clause it cannot read. */
export function parseSpecifiers(text: string): Clause[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const m = /^(~=|===|==|!=|<=|>=|<|>)\s*(\S+)$/.exec(s);
    if (!m) {
      throw new Error(`unreadable version specifier '${s}'`);
    }
    return { op: m[1], version: m[2] };
  });
}

function matchesClause(v: Version, clause: Clause): boolean {
  const { op } = clause;
  if (op === '===') {
    return v.text === clause.version;
  }
  if ((op === '==' || op === '!=') && clause.version.endsWith('.*')) {
    const prefix = clause.version.slice(0, -2).split('.').map(Number);
    const same = prefix.every((n, i) => (v.release[i] ?? 0) === n);
    return op === '==' ? same : !same;
  }
  const target = parseVersion(clause.version);
  if (!target) {
    throw new Error(`unreadable version '${clause.version}' in specifier ${op}${clause.version}`);
  }
  const c = compareVersions(v, target);
  switch (op) {
    case '==': return c === 0;
    case '!=': return c !== 0;
    case '<=': return c <= 0;
    case '>=': return c >= 0;
    case '<': return c < 0 && !(isPreRelease(v) && !isPreRelease(target) && compareRelease(v.release, target.release) === 0);
    case '>': return c > 0 && (v.post === undefined || target.post !== undefined || compareRelease(v.release, target.release) !== 0);
    case '~=': {
      const upper = target.release.slice(0, Math.max(target.release.length - 1, 1));
      return c >= 0 && upper.every((n, i) => (v.release[i] ?? 0) === n);
    }
    default: return false;
  }
}

/** Whether `version` satisfies every clause of `specifiers` (an empty set matches anything). */
export function satisfies(version: Version, specifiers: string): boolean {
  return parseSpecifiers(specifiers).every((clause) => matchesClause(version, clause));
}
