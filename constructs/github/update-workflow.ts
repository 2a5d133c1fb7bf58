import { ARCHITECTURES } from '../../policies';
import { ACTIONS } from './actions';
import type { Workflow } from './workflow-model';

/** The weekly pin update's workflow file, and the branch its pull request comes from. */
export const UPDATE_PINS_WORKFLOW_FILE = 'update-pins.yml';
export const UPDATE_PINS_BRANCH = 'fleet/update-pins';

/** Mondays 04:23 UTC: after the weekend's releases, off the top of the hour. */
const WEEKLY = '23 4 * * 1';

/**
 * Pins every base reference to the digests its registry serves (locks/bases.json) and adds what
 * it read to the pull request's body. After the tool update, whose diff is the body: a base
 * that does not resolve this week is reported there and holds no tool update back.
 */
const UPDATE_BASES = [
  'if npm run --silent fleet -- update bases > "$RUNNER_TEMP/bases.txt" 2>&1; then heading="Base digests"; else heading="Base digests: not updated"; fi',
  '{ echo; echo "## ${heading}"; echo; echo \'```\'; cat "$RUNNER_TEMP/bases.txt"; echo \'```\'; } >> "$RUNNER_TEMP/fleet-diff.md"',
].join('\n');

/** Commits the updated pins and locks to the update branch and opens (or refreshes) its pull request. */
const OPEN_PULL_REQUEST = [
  'if [ -z "$(git status --porcelain policies/tool-pins.json locks)" ]; then echo "every pin is up to date"; exit 0; fi',
  'git config user.name "github-actions[bot]"',
  'git config user.email "41898282+github-actions[bot]@users.noreply.github.com"',
  'git switch -C "$BRANCH"',
  'git add policies/tool-pins.json locks',
  'git commit -m "Update tool pins and locks"',
  // The token goes in a header for this one command: it is never stored in .git/config.
  'auth=$(printf "x-access-token:%s" "$GH_TOKEN" | base64 -w0)',
  'git -c http.extraheader="AUTHORIZATION: basic ${auth}" push --force origin "HEAD:refs/heads/${BRANCH}"',
  // Only an open pull request of the branch is refreshed (a merged or closed one is history).
  'open=$(gh pr list --head "$BRANCH" --state open --json number --jq ".[0].number")',
  'if [ -n "$open" ]; then',
  '  gh pr edit "$open" --body-file "$RUNNER_TEMP/fleet-diff.md"',
  'else',
  '  gh pr create --base "$BASE" --head "$BRANCH" --title "Update tool pins and locks" --body-file "$RUNNER_TEMP/fleet-diff.md"',
  'fi',
].join('\n');

/**
 * `update-pins.yml`: weekly (and on demand) runs `fleet update tools` and `fleet update bases`
 * and opens a pull request whose body is the fleet diff of the tool update and the base digests read. Actions pinned by SHA; the job's token may write
 * contents and pull requests and nothing else; no secret besides that token; checkout keeps no
 * credentials, so `npm ci` runs without them.
 */
export function updatePinsWorkflow(props: { readonly defaultBranch: string }): Workflow {
  return {
    file: UPDATE_PINS_WORKFLOW_FILE,
    name: 'update-pins',
    on: { schedule: [WEEKLY], workflowDispatch: true },
    permissions: {},
    concurrency: { group: 'update-pins', cancelInProgress: false },
    jobs: {
      'update-pins': {
        name: 'update-pins',
        runsOn: ARCHITECTURES.x86_64.runner,
        permissions: { contents: 'write', 'pull-requests': 'write' },
        timeoutMinutes: 30,
        env: { CHECKPOINT_DISABLE: '1' },
        steps: [
          { name: 'Check out', uses: ACTIONS.checkout, with: { ref: props.defaultBranch, 'persist-credentials': false } },
          { name: 'Set up Node.js', uses: ACTIONS.setupNode, with: { 'node-version': '20' } },
          { name: 'Install', run: 'npm ci' },
          { name: 'Update the tool pins and the locks', run: 'npm run --silent fleet -- update tools --diff-file "$RUNNER_TEMP/fleet-diff.md"' },
          { name: 'Pin the base images to their digests', run: UPDATE_BASES },
          {
            name: 'Open or refresh the pull request',
            env: { GH_TOKEN: '${{ github.token }}', BRANCH: UPDATE_PINS_BRANCH, BASE: props.defaultBranch },
            run: OPEN_PULL_REQUEST,
          },
        ],
      },
    },
  };
}
