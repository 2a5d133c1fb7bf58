import { ActionsEnvironmentSecret } from '@cdktf/provider-github/lib/actions-environment-secret';
import { ActionsVariable } from '@cdktf/provider-github/lib/actions-variable';
import { GithubProvider } from '@cdktf/provider-github/lib/provider';
import { RepositoryEnvironment } from '@cdktf/provider-github/lib/repository-environment';
import { RepositoryEnvironmentDeploymentPolicy } from '@cdktf/provider-github/lib/repository-environment-deployment-policy';
import { RepositoryFile } from '@cdktf/provider-github/lib/repository-file';
import { RepositoryRuleset } from '@cdktf/provider-github/lib/repository-ruleset';
import { Fn, Lazy, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  FLEET_DIFF_CHECK, REGISTRY_ENVIRONMENT, REGISTRY_PASSWORD_SECRET, REGISTRY_USERNAME_SECRET, REGISTRY_VARIABLE,
  buildWorkflow, fleetDiffWorkflow,
} from './fleet-workflows';
import type { WorkflowImage } from './fleet-workflows';
import { updatePinsWorkflow } from './update-workflow';
import type { Workflow } from './workflow-model';
import { renderWorkflow } from './workflow-yaml';

/** Props of the github stack. */
export interface FleetRepositoryProps {
  /**
   * `owner/name` of the repository.
   *
   * @default - the Terraform variable `github_repository`, asked for at deploy time
   */
  readonly repository?: string;
  /** Branch pushes deploy from; the ruleset and the environment policy guard it. */
  readonly defaultBranch: string;
  readonly registry: string;
  /** The fleet's images, read at synth time (images may be added after this construct). */
  readonly images: () => readonly WorkflowImage[];
}

/**
 * Stack `github`: the repository settings that build, test and publish the fleet — workflow
 * files, the registry environment with its secrets, the registry variable, and a ruleset that
 * requires the fleet-diff check on the default branch. The token comes from the environment
 * (GITHUB_TOKEN, read by the provider); secret values come from sensitive variables and are
 * never written to the synthesized JSON.
 */
export class FleetRepository extends TerraformStack {
  constructor(scope: Construct, id: string, props: FleetRepositoryProps) {
    super(scope, id);

    const repositoryVariable = props.repository === undefined
      ? new TerraformVariable(this, 'github_repository', {
        type: 'string',
        description: 'owner/name of the repository that builds the fleet',
        validation: [{ condition: '${can(regex("^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$", var.github_repository))}', errorMessage: 'github_repository must be owner/name.' }],
      })
      : undefined;
    const fullName = props.repository ?? repositoryVariable!.stringValue;
    const owner = props.repository ? props.repository.split('/')[0] : Fn.element(Fn.split('/', fullName), 0);
    const name = props.repository ? props.repository.split('/')[1] : Fn.element(Fn.split('/', fullName), 1);

    new GithubProvider(this, 'github', { owner });

    const username = new TerraformVariable(this, 'registry_username', {
      type: 'string', sensitive: true, description: 'Registry user the build workflow pushes as (TF_VAR_registry_username)',
    });
    const password = new TerraformVariable(this, 'registry_password', {
      type: 'string', sensitive: true, description: 'Registry password or token (TF_VAR_registry_password)',
    });

    const environment = new RepositoryEnvironment(this, 'environment', {
      repository: name,
      environment: REGISTRY_ENVIRONMENT,
      deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
    });
    new RepositoryEnvironmentDeploymentPolicy(this, 'environment-branch', {
      repository: name,
      environment: environment.environment,
      branchPattern: props.defaultBranch,
    });
    new ActionsEnvironmentSecret(this, 'registry-username', {
      repository: name, environment: environment.environment, secretName: REGISTRY_USERNAME_SECRET, plaintextValue: username.stringValue,
    });
    new ActionsEnvironmentSecret(this, 'registry-password', {
      repository: name, environment: environment.environment, secretName: REGISTRY_PASSWORD_SECRET, plaintextValue: password.stringValue,
    });
    new ActionsVariable(this, 'registry', { repository: name, variableName: REGISTRY_VARIABLE, value: props.registry });

    const workflows: (() => Workflow)[] = [
      () => buildWorkflow({ images: props.images(), registry: props.registry, defaultBranch: props.defaultBranch }),
      fleetDiffWorkflow,
      () => updatePinsWorkflow({ defaultBranch: props.defaultBranch }),
    ];
    for (const workflow of workflows) {
      const file = workflow().file;
      new RepositoryFile(this, `workflow-${file}`, {
        repository: name,
        branch: props.defaultBranch,
        file: `.github/workflows/${file}`,
        content: Lazy.stringValue({ produce: () => escapeTemplate(renderWorkflow(workflow())) }),
        commitMessage: `Update ${file} from the fleet definition`,
        overwriteOnCreate: true,
      });
    }

    new RepositoryRuleset(this, 'default-branch', {
      repository: name,
      name: 'fleet-diff required',
      target: 'branch',
      enforcement: 'active',
      conditions: { refName: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
      rules: { requiredStatusChecks: { requiredCheck: [{ context: FLEET_DIFF_CHECK }] } },
    });
  }
}

/**
 * Terraform reads `${` and `%{` in strings as template syntax; a workflow's `${{ … }}` must
 * reach the JSON as `$${{ … }}` to stay literal.
 */
export function escapeTemplate(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}
