import type { ActionRef } from './actions';

/**
 * A typed model of a GitHub Actions workflow: what the fleet's workflows are built from. Only
 * `renderWorkflow` turns it into YAML.
 */

export type PermissionLevel = 'read' | 'write' | 'none';

/** `permissions:`; an empty object means no permissions at all. */
export type Permissions = Readonly<Partial<Record<'actions' | 'contents' | 'packages' | 'pull-requests' | 'deployments' | 'id-token', PermissionLevel>>>;

export interface Triggers {
  /** `schedule:` cron lines (UTC). */
  readonly schedule?: readonly string[];
  readonly push?: { readonly branches: readonly string[] };
  readonly pullRequest?: { readonly branches?: readonly string[] };
  readonly workflowDispatch?: boolean;
}

export interface Concurrency {
  readonly group: string;
  readonly cancelInProgress: boolean;
}

interface StepBase {
  readonly name: string;
  readonly id?: string;
  readonly if?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** A step that runs an action, always from the pinned table. */
export interface ActionStep extends StepBase {
  readonly uses: ActionRef;
  readonly with?: Readonly<Record<string, string | number | boolean>>;
}

/** A step that runs a shell script. */
export interface RunStep extends StepBase {
  readonly run: string;
}

export type Step = ActionStep | RunStep;

export interface Job {
  readonly name: string;
  readonly runsOn: string;
  readonly needs?: readonly string[];
  readonly if?: string;
  readonly environment?: string;
  readonly permissions: Permissions;
  readonly concurrency?: Concurrency;
  readonly timeoutMinutes?: number;
  readonly env?: Readonly<Record<string, string>>;
  readonly steps: readonly Step[];
}

export interface Workflow {
  /** File name under .github/workflows/. */
  readonly file: string;
  readonly name: string;
  readonly on: Triggers;
  readonly permissions: Permissions;
  readonly concurrency?: Concurrency;
  readonly jobs: Readonly<Record<string, Job>>;
}
