/**
 * The only table of GitHub Actions the generated workflows use, each pinned to the full commit
 * SHA of a release tag (the version is written beside it as a comment).
 */
export interface ActionRef {
  readonly repository: string;
  readonly sha: string;
  readonly version: string;
  /** Where the SHA was read. */
  readonly citation: string;
}

const MANYLINUX = 'pypa/manylinux@ad3c453:.github/workflows/build.yml';

export const ACTIONS = {
  checkout: { repository: 'actions/checkout', sha: 'de0fac2e4500dabe0009e67214ff5f5447ce83dd', version: 'v6.0.2', citation: MANYLINUX },
  setupNode: { repository: 'actions/setup-node', sha: '820762786026740c76f36085b0efc47a31fe5020', version: 'v7.0.0', citation: 'actions/setup-node tag v7.0.0' },
  setupTerraform: { repository: 'hashicorp/setup-terraform', sha: 'dfe3c3f87815947d99a8997f908cb6525fc44e9e', version: 'v4.0.1', citation: 'hashicorp/setup-terraform tag v4.0.1' },
  setupQemu: { repository: 'docker/setup-qemu-action', sha: 'ce360397dd3f832beb865e1373c09c0e9f86d70a', version: 'v4.0.0', citation: MANYLINUX },
  login: { repository: 'docker/login-action', sha: '650006c6eb7dba73a995cc03b0b2d7f5ca915bee', version: 'v4.2.0', citation: MANYLINUX },
} as const satisfies Record<string, ActionRef>;

/** `owner/repo@sha`, the form `uses:` takes. */
export function usesRef(action: ActionRef): string {
  return `${action.repository}@${action.sha}`;
}
