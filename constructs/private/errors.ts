/**
 * Validation errors a user of `cdktf synth` sees: one line naming the subject (an image id or a
 * configuration key), what is wrong, the value given, the allowed values and the fix.
 */
export class FleetValidationError extends Error {
  public readonly subject: string;

  constructor(subject: string, message: string) {
    super(`${subject}: ${message}`);
    this.name = 'FleetValidationError';
    this.subject = subject;
  }
}

/** The parts of a validation message. */
export interface Problem {
  /** What is wrong, e.g. `arch 'riscv64' is not supported by manylinux2014`. */
  readonly what: string;
  /** The allowed values, listed after `(supported: …)`, when there is a closed set. */
  readonly allowed?: readonly string[];
  /** What to do about it. */
  readonly fix: string;
}

/** Formats a problem as `<what> (allowed: a, b); <fix>`. */
export function describe(problem: Problem): string {
  const allowed = problem.allowed ? ` (allowed: ${problem.allowed.length ? problem.allowed.join(', ') : 'none'})` : '';
  return `${problem.what}${allowed}; ${problem.fix}`;
}

/** Throws a FleetValidationError for `subject`. */
export function fail(subject: string, problem: Problem): never {
  throw new FleetValidationError(subject, describe(problem));
}

/** Quotes a value the way messages show it. */
export function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

/** Shows a value for a message, shortened: records print by their key or name, long text is cut. */
export function showShort(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const named = value as { key?: unknown; name?: unknown; publishedName?: unknown; tag?: unknown };
    const name = [named.publishedName, named.key, named.tag, named.name].find((v) => typeof v === 'string');
    if (name !== undefined) {
      return `a record named '${name}'`;
    }
  }
  const text = value === undefined ? 'undefined' : show(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** What a plain-JavaScript caller must pass for one prop. */
export type Shape = 'string' | 'boolean' | 'string[]' | 'record' | 'record[]' | 'string|record[]' | 'string-map';

const SHAPE_NAMES: Record<Shape, string> = {
  string: 'a string',
  boolean: 'true or false',
  'string[]': 'an array of strings',
  record: 'a record (an object)',
  'record[]': 'an array of records',
  'string|record[]': 'an array of strings or records',
  'string-map': 'an object of string values',
};

function hasShape(value: unknown, shape: Shape): boolean {
  const isRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  switch (shape) {
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'string[]': return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'record': return isRecord(value);
    case 'record[]': return Array.isArray(value) && value.every(isRecord);
    case 'string|record[]': return Array.isArray(value) && value.every((v) => typeof v === 'string' || isRecord(v));
    case 'string-map': return isRecord(value) && Object.values(value as object).every((v) => typeof v === 'string');
  }
}

/**
 * Checks the type of a prop a plain-JavaScript caller passed (TypeScript callers can't get it
 * wrong): `required` props must be present, optional ones may be undefined.
 */
export function checkShape(subject: string, prop: string, value: unknown, shape: Shape, fix: string, required = false): void {
  if (value === undefined && !required) {
    return;
  }
  if (!hasShape(value, shape)) {
    fail(subject, {
      what: `${prop} must be ${SHAPE_NAMES[shape]}, got ${value === undefined ? 'nothing' : showShort(value)}`,
      fix,
    });
  }
}
