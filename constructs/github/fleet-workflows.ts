import { ARCHITECTURES, buildTimeoutMinutes } from '../../policies';
import { LAYOUT } from '../image/layout';
import { contentTag } from '../private/naming';
import { ACTIONS } from './actions';
import { ASSEMBLE_MANIFEST_SCRIPT, manifestArguments } from './manifest-command';
import type { Job, Step, Workflow } from './workflow-model';

/** What the workflows need to know of an image (the fleet model's images have it all). */
export interface WorkflowImage {
  readonly id: string;
  readonly policy: string;
  readonly platform: string;
  readonly repository: string;
  readonly specHash: string;
  readonly runner: string;
  readonly emulated: boolean;
  readonly stack: string;
  /** The image it is built FROM when it is a derived image, else null. */
  readonly parentId: string | null;
}

/** File names of the generated workflows under .github/workflows/. */
export const BUILD_WORKFLOW_FILE = 'build.yml';
export const FLEET_DIFF_WORKFLOW_FILE = 'fleet-diff.yml';

/** The GitHub environment holding the registry credentials. */
export const REGISTRY_ENVIRONMENT = 'registry';
/** Environment secrets and the repository variable the workflows read. */
export const REGISTRY_USERNAME_SECRET = 'REGISTRY_USERNAME';
export const REGISTRY_PASSWORD_SECRET = 'REGISTRY_PASSWORD';
/** Repository variable holding the registry address, for workflows besides the generated ones. */
export const REGISTRY_VARIABLE = 'FLEET_REGISTRY';
/** Jobs that build no image (manifests, fleet diff) run on the x86_64 runner of the arch table. */
const UTILITY_RUNNER = ARCHITECTURES.x86_64.runner;
/** The check the default-branch ruleset requires. */
export const FLEET_DIFF_CHECK = 'fleet-diff';

/** What the workflows are generated from. */
export interface FleetWorkflowsProps {
  readonly images: readonly WorkflowImage[];
  readonly registry: string;
  readonly defaultBranch: string;
}

const CHECKOUT_FULL_HISTORY: Step = {
  name: 'Check out (full history: the build id counts the day\'s commits)',
  uses: ACTIONS.checkout,
  with: { 'fetch-depth': 0, 'persist-credentials': false },
};

/**
 * Build id `YYYY.MM.DD-N`: the commit's UTC date and N = first-parent commits that day up to
 * and including it (the scheme pypa/manylinux's deploy.sh uses).
 */
const BUILD_ID_STEP: Step = {
  name: 'Compute the build id',
  id: 'build-id',
  run: [
    'day=$(TZ=UTC0 git show -s --format=%cd --date=format-local:%Y-%m-%d HEAD)',
    'n=$(git rev-list --first-parent --count --since="${day}T00:00:00Z" HEAD)',
    'echo "value=${day//-/.}-${n}" >> "$GITHUB_OUTPUT"',
  ].join('\n'),
};

/**
 * The provider builds through the engine's own BuildKit (no buildx builder), which fails on
 * Docker's containerd image store (kreuzwerker/terraform-provider-docker#534), the default of
 * Docker 29 engines: on such a runner, switch the engine back to its classic store first.
 */
const CLASSIC_IMAGE_STORE_STEP: Step = {
  name: 'Use the classic image store (the provider\'s builds fail on containerd\'s)',
  run: [
    'if docker info -f \'{{ .DriverStatus }}\' | grep -q io.containerd.snapshotter; then',
    '  config=$(sudo cat /etc/docker/daemon.json 2> /dev/null || echo \'{}\')',
    '  echo "$config" | jq \'.features["containerd-snapshotter"] = false\' | sudo tee /etc/docker/daemon.json > /dev/null',
    '  sudo systemctl restart docker',
    'fi',
    'docker info -f \'{{ .Driver }} {{ .DriverStatus }}\'',
  ].join('\n'),
};

function loginStep(registry: string, condition?: string): Step {
  return {
    name: 'Log in to the registry',
    ...(condition ? { if: condition } : {}),
    uses: ACTIONS.login,
    with: {
      registry: registry.split('/')[0],
      username: `\${{ secrets.${REGISTRY_USERNAME_SECRET} }}`,
      password: `\${{ secrets.${REGISTRY_PASSWORD_SECRET} }}`,
    },
  };
}

const ON_DEFAULT_BRANCH = 'github.ref == format(\'refs/heads/{0}\', github.event.repository.default_branch)';

/** Job id of an image (a valid job id: letters, digits, `_`, `-`). */
export function imageJobId(image: { readonly id: string }): string {
  return image.id;
}

function imageJob(image: WorkflowImage, registry: string): Job {
  const missing = 'steps.exists.outputs.found != \'true\'';
  const ref = `${image.repository}:${contentTag(image.specHash)}`;
  const steps: Step[] = [
    CHECKOUT_FULL_HISTORY,
    loginStep(registry),
    {
      name: 'Look for the content tag in the registry',
      id: 'exists',
      env: { IMAGE: ref },
      run: 'if docker buildx imagetools inspect "$IMAGE" > /dev/null 2>&1; then found=true; else found=false; fi\necho "found=$found" >> "$GITHUB_OUTPUT"',
    },
    ...(image.emulated ? [{ name: 'Set up QEMU', if: missing, uses: ACTIONS.setupQemu, with: { platforms: image.platform } }] : []),
    { name: 'Set up Node.js', if: missing, uses: ACTIONS.setupNode, with: { 'node-version': '20' } },
    { name: 'Set up Terraform', if: missing, uses: ACTIONS.setupTerraform, with: { terraform_wrapper: false } },
    { name: 'Install', if: missing, run: 'npm ci' },
    { ...CLASSIC_IMAGE_STORE_STEP, if: missing },
    { ...BUILD_ID_STEP, if: missing },
    {
      name: `Deploy ${image.stack}`,
      if: missing,
      env: {
        BUILD_ID: '${{ steps.build-id.outputs.value }}',
        DOCKER_REGISTRY_USER: `\${{ secrets.${REGISTRY_USERNAME_SECRET} }}`,
        DOCKER_REGISTRY_PASS: `\${{ secrets.${REGISTRY_PASSWORD_SECRET} }}`,
      },
      run: `npx cdktf deploy ${image.stack} --auto-approve --var="build_id=$BUILD_ID"`,
    },
    {
      name: 'Run the in-image tests',
      if: missing,
      env: { IMAGE: ref },
      run: `docker run --rm --platform ${image.platform} "$IMAGE" ${LAYOUT.BUILD_DIR}/run-tests.sh`,
    },
  ];
  return {
    name: image.id,
    ...(image.parentId !== null ? { needs: [imageJobId({ id: image.parentId })] } : {}),
    if: ON_DEFAULT_BRANCH,
    runsOn: image.runner,
    environment: REGISTRY_ENVIRONMENT,
    permissions: { contents: 'read' },
    concurrency: { group: `deploy-${image.stack}`, cancelInProgress: false },
    timeoutMinutes: buildTimeoutMinutes(image),
    // The registry the workflow was generated for (its image references embed it); the Actions
    // variable of the same name carries it to other workflows.
    env: { FLEET_REGISTRY: registry, CHECKPOINT_DISABLE: '1' },
    steps,
  };
}

function manifestJob(policy: string, images: readonly WorkflowImage[], registry: string): Job {
  const sources = images.map((image) => ({ platform: image.platform, reference: `${image.repository}:${contentTag(image.specHash)}` }));
  // The tags are shell words: the build id comes from the step's environment.
  const [target, , ...entries] = manifestArguments(`${registry}/${policy}`, ['TAGS'], sources);
  return {
    name: `${policy} multi-arch manifest`,
    needs: images.map(imageJobId),
    if: ON_DEFAULT_BRANCH,
    runsOn: UTILITY_RUNNER,
    environment: REGISTRY_ENVIRONMENT,
    permissions: { contents: 'read' },
    concurrency: { group: `manifest-${policy}`, cancelInProgress: false },
    steps: [
      CHECKOUT_FULL_HISTORY,
      BUILD_ID_STEP,
      loginStep(registry),
      {
        name: `Assemble ${registry}/${policy}`,
        env: { BUILD_ID: '${{ steps.build-id.outputs.value }}' },
        run: [`bash ${ASSEMBLE_MANIFEST_SCRIPT} ${target} "$BUILD_ID,latest"`, ...entries].join(' \\\n  '),
      },
    ],
  };
}

/**
 * `build.yml`: one job per image stack (skipped when the registry has its content tag; a derived
 * image waits for its parent), then one job per policy assembling the multi-arch manifest. Runs
 * on pushes to the default branch.
 */
export function buildWorkflow(props: FleetWorkflowsProps): Workflow {
  const jobs: Record<string, Job> = {};
  for (const image of props.images) {
    jobs[imageJobId(image)] = imageJob(image, props.registry);
  }
  // Multi-arch manifests gather the fleet images of a policy; derived images are their own.
  const fleetImages = props.images.filter((image) => image.parentId === null);
  const policies = [...new Set(fleetImages.map((image) => image.policy))];
  for (const policy of policies) {
    jobs[`manifest-${policy}`] = manifestJob(policy, fleetImages.filter((image) => image.policy === policy), props.registry);
  }
  return {
    file: BUILD_WORKFLOW_FILE,
    name: 'build',
    on: { push: { branches: [props.defaultBranch] }, workflowDispatch: true },
    permissions: {},
    jobs,
  };
}

/**
 * `fleet-diff.yml`: on pull requests, synthesizes the base and the head and writes the fleet
 * diff to the job summary. Read-only token, no secrets, no pull_request_target.
 */
export function fleetDiffWorkflow(): Workflow {
  return {
    file: FLEET_DIFF_WORKFLOW_FILE,
    name: 'fleet-diff',
    on: { pullRequest: {} },
    permissions: { contents: 'read' },
    concurrency: { group: 'fleet-diff-${{ github.event.pull_request.number }}', cancelInProgress: true },
    jobs: {
      [FLEET_DIFF_CHECK]: {
        name: FLEET_DIFF_CHECK,
        runsOn: UTILITY_RUNNER,
        permissions: { contents: 'read' },
        env: { CHECKPOINT_DISABLE: '1' },
        steps: [
          { ...CHECKOUT_FULL_HISTORY, name: 'Check out the pull request' },
          { name: 'Set up Node.js', uses: ACTIONS.setupNode, with: { 'node-version': '20' } },
          { name: 'Synthesize the head', run: 'npm ci\nnpx cdktf synth --output "$RUNNER_TEMP/head"' },
          {
            name: 'Synthesize the base',
            env: { BASE_SHA: '${{ github.event.pull_request.base.sha }}' },
            run: 'git worktree add "$RUNNER_TEMP/base" "$BASE_SHA"\ncd "$RUNNER_TEMP/base"\nnpm ci\nnpx cdktf synth --output "$RUNNER_TEMP/base-out"',
          },
          {
            name: 'Write the fleet diff to the job summary',
            run: 'npm run --silent fleet -- diff "$RUNNER_TEMP/base-out/fleet.json" "$RUNNER_TEMP/head/fleet.json" --format markdown >> "$GITHUB_STEP_SUMMARY"',
          },
        ],
      },
    },
  };
}
