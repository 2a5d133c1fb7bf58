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
