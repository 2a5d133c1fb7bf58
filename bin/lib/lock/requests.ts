/**
 * The lock files this repository's fleets need: the published fleet (main.ts) and the e2e fleet,
 * each lock file with the union of the environments of every image that installs from it.
 */
import { environmentKey, imageLockRequests, pythonLockFile, resolveImageSpec } from '../../../constructs';
import type { ImageOptions, LockRequest } from '../../../constructs';
import { e2eImageOptions } from '../../../e2e/fleet';
import { INTERPRETERS, PUBLISHED_POLICIES, policyArches } from '../../../policies';

/** Every image the repository builds, as addImage takes it. */
export function repositoryImages(): ImageOptions[] {
  return [...PUBLISHED_POLICIES.flatMap((policy) => policyArches(policy).map((arch) => ({ policy, arch }))), ...e2eImageOptions()];
}

/**
 * The lock requests of `images`, merged by lock file and sorted by file. A Python minor's lock
 * also covers every implementation the interpreter catalogue has for that minor, on the same
 * platforms, so an image that picks other catalogue interpreters still finds its lock.
 */
export function mergeLockRequests(images: readonly ImageOptions[]): LockRequest[] {
  const byFile = new Map<string, LockRequest>();
  const requests = images.flatMap((options) => imageLockRequests(resolveImageSpec(options)));
  const catalogue = (request: LockRequest): LockRequest => ({
    ...request,
    environments: request.file !== pythonLockFile(request.python) ? request.environments : request.environments.flatMap((env) => INTERPRETERS
      .filter((i) => i.pythonVersion === request.python)
      .map((i) => ({ ...env, implementation: i.implementation }))),
  });
  for (const request of requests.map(catalogue)) {
    const known = byFile.get(request.file);
    const environments = [...(known?.environments ?? []), ...request.environments]
      .filter((env, i, all) => all.findIndex((e) => environmentKey(e) === environmentKey(env)) === i)
      .sort((a, b) => (environmentKey(a) < environmentKey(b) ? -1 : environmentKey(a) > environmentKey(b) ? 1 : 0));
    byFile.set(request.file, { ...request, environments });
  }
  return [...byFile.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
}
