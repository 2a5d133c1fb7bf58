/**
 * PEP 508 environment markers: parsed once, evaluated against a target environment (the
 * Python and platform a lock is for), never against the machine running the lock command.
 */
import { parsePlatformTag } from './locks';
import type { LockEnvironment } from './locks';
import { parseVersion, satisfies } from './pep440';

/** The marker variables of one target environment. */
export type MarkerEnvironment = Readonly<Record<string, string>>;

const IMPLEMENTATION_NAMES = { cpython: 'CPython', pypy: 'PyPy', graalpy: 'GraalVM' } as const;

/**
 * The marker variables of a lock environment at the first and at a late patch release of its
 * minor: what a lock resolves for, and what the SBOM assumes where the data holds no patch
 * version (PyPy, GraalPy).
 */
export function markerEnvironments(env: LockEnvironment): MarkerEnvironment[] {
  return ['0', '99'].map((patch) => markerEnvironment(env, `${env.python}.${patch}`));
}

/** The marker variables of a lock environment at one Python version (`3.12.13`). */
export function markerEnvironment(env: LockEnvironment, fullVersion: string): MarkerEnvironment {
  return {
    python_version: env.python,
    python_full_version: fullVersion,
    implementation_name: env.implementation,
    implementation_version: fullVersion,
    platform_python_implementation: IMPLEMENTATION_NAMES[env.implementation],
    platform_machine: parsePlatformTag(env.platform)?.arch ?? '',
    sys_platform: 'linux',
    os_name: 'posix',
    platform_system: 'Linux',
    platform_release: '',
    platform_version: '',
    extra: '',
  };
}

type Node =
  | { readonly kind: 'and' | 'or'; readonly left: Node; readonly right: Node }
  | { readonly kind: 'compare'; readonly left: Operand; readonly op: string; readonly right: Operand };
type Operand = { readonly variable: string } | { readonly literal: string };

const TOKEN = /\s*(\(|\)|===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b|and\b|or\b|'[^']*'|"[^"]*"|[A-Za-z_][A-Za-z0-9_.]*)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) {
      break;
    }
    const m = TOKEN.exec(text);
    if (!m) {
      throw new Error(`unreadable marker '${text}' at '${text.slice(TOKEN.lastIndex)}'`);
    }
    tokens.push(m[1].replace(/\s+/g, ' '));
  }
  return tokens;
}

export function parseMarker(text: string): Node {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const take = () => tokens[at++];
  const operand = (): Operand => {
    const t = take();
    if (t === undefined) {
      throw new Error(`marker '${text}' ends early`);
    }
    return /^['"]/.test(t) ? { literal: t.slice(1, -1) } : { variable: t };
  };
  const atom = (): Node => {
    if (peek() === '(') {
      take();
      const inner = or();
      if (take() !== ')') {
        throw new Error(`marker '${text}': missing ')'`);
      }
      return inner;
    }
    const left = operand();
    const op = take();
    return { kind: 'compare', left, op, right: operand() };
  };
  const and = (): Node => {
    let node = atom();
    while (peek() === 'and') {
      take();
      node = { kind: 'and', left: node, right: atom() };
    }
    return node;
  };
  const or = (): Node => {
    let node = and();
    while (peek() === 'or') {
      take();
      node = { kind: 'or', left: node, right: and() };
    }
    return node;
  };
  const node = or();
  if (at !== tokens.length) {
    throw new Error(`marker '${text}': unexpected '${tokens[at]}'`);
  }
  return node;
}

const VERSION_VARIABLES = new Set(['python_version', 'python_full_version', 'implementation_version', 'platform_release']);

function value(operand: Operand, env: MarkerEnvironment): string {
  if ('literal' in operand) {
    return operand.literal;
  }
  const v = env[operand.variable];
  if (v === undefined) {
    throw new Error(`unknown marker variable '${operand.variable}'`);
  }
  return v;
}

function compare(node: Extract<Node, { kind: 'compare' }>, env: MarkerEnvironment): boolean {
  const left = value(node.left, env);
  const right = value(node.right, env);
  if (node.op === 'in') {
    return right.includes(left);
  }
  if (node.op === 'not in') {
    return !right.includes(left);
  }
  const variable = 'variable' in node.left ? node.left.variable : 'variable' in node.right ? node.right.variable : '';
  const leftVersion = parseVersion(left);
  if (VERSION_VARIABLES.has(variable) && leftVersion && parseVersion(right)) {
    return satisfies(leftVersion, `${node.op}${right}`);
  }
  switch (node.op) {
    case '==': case '===': return left === right;
    case '!=': return left !== right;
    default: throw new Error(`marker compares strings with '${node.op}'`);
  }
}

export function evaluateMarker(node: Node, env: MarkerEnvironment): boolean {
  switch (node.kind) {
    case 'and': return evaluateMarker(node.left, env) && evaluateMarker(node.right, env);
    case 'or': return evaluateMarker(node.left, env) || evaluateMarker(node.right, env);
    default: return compare(node, env);
  }
}

/** `a and b` of two marker texts ('' is "always"). */
export function andMarkers(a: string, b: string): string {
  if (!a || !b) {
    return a || b;
  }
  return a === b ? a : `(${a}) and (${b})`;
}

/** `a or b` of two marker texts ('' is "always", so it wins). */
export function orMarkers(a: string, b: string): string {
  if (!a || !b) {
    return '';
  }
  return a === b ? a : `(${a}) or (${b})`;
}
