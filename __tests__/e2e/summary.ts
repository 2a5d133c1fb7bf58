/** What the deploy suite measured, printed at its end and kept in .e2e/summary.json. */
import * as fs from 'fs';
import * as path from 'path';
import { STATE } from './harness';

export type E2eSummary = ReturnType<typeof newSummary>;

/** An empty summary: each step of deploy.test.ts fills in its part. */
export function newSummary() {
  return {
    firstBuildSeconds: {} as Record<string, number>, firstBuildSteps: {} as Record<string, number>, noopPlanSeconds: {} as Record<string, number>,
    imagesChanged: [] as string[], imagesRebuilt: [] as string[], stepsExecutedAfterChange: {} as Record<string, number>,
    inImageSeconds: {} as Record<string, number>, cibuildwheelSeconds: {} as Record<string, number>, cacheImages: {} as Record<string, number>,
    compileSeconds: {} as Record<string, Record<string, number>>,
    sbomPackages: {} as Record<string, { distro: number; total: number }>, manifests: [] as string[],
    registryMegabytes: { images: 0, cache: 0, cacheOnly: 0 },
    coldRebuild: {
      image: '', compilesRun: [] as string[], seconds: 0, fullColdBuildSeconds: 0, ratio: 0,
      // Diagnostics: compile stages whose build id in the first deploy's image differs from the
      // one in their own cache image, and each compile's seconds in the rebuilt image.
      firstDeployDiffersFromCache: [] as string[], compileSeconds: {} as Record<string, number>,
    },
  };
}

/** Prints the summary and writes it to .e2e/summary.json. */
export function writeSummary(summary: E2eSummary): void {
  const lines = [
    'e2e summary',
    ...Object.entries(summary.firstBuildSeconds).map(([id, s]) => `  first build + push ${id}: ${s.toFixed(1)} s`),
    ...Object.entries(summary.noopPlanSeconds).map(([id, s]) => `  no-op plan ${id}: ${s.toFixed(1)} s`),
    ...Object.entries(summary.firstBuildSteps).map(([id, n]) => `  first build ${id}: ${n} build steps executed`),
    ...Object.entries(summary.compileSeconds).map(([id, stages]) => `  compile seconds of ${id}: ${Object.entries(stages).map(([s, n]) => `${s} ${n}`).join(', ')}`),
    ...Object.entries(summary.cacheImages).map(([id, n]) => `  stage cache images of ${id}: ${n}`),
    `  registry: images ${summary.registryMegabytes.images.toFixed(0)} MB, stage caches ${summary.registryMegabytes.cache.toFixed(0)} MB `
      + `(${summary.registryMegabytes.cacheOnly.toFixed(0)} MB in no image)`,
    `  after changing one CPython: images changed ${summary.imagesChanged.length} (${summary.imagesChanged.join(', ')}), images rebuilt ${summary.imagesRebuilt.length} (${summary.imagesRebuilt.join(', ')})`,
    ...Object.entries(summary.stepsExecutedAfterChange).map(([id, n]) => `  after the change ${id}: ${n} build steps of the final stage executed`),
    `  cold-engine rebuild of ${summary.coldRebuild.image} after swapping one CPython: CPython compiles run ${summary.coldRebuild.compilesRun.length} `
      + `(${summary.coldRebuild.compilesRun.join(', ')}), ${summary.coldRebuild.seconds.toFixed(1)} s; full cold build ${summary.coldRebuild.fullColdBuildSeconds.toFixed(1)} s; `
      + `ratio ${summary.coldRebuild.ratio.toFixed(2)}`,
    `  first deploy's compile stages whose build id differs from their cache image's: ${summary.coldRebuild.firstDeployDiffersFromCache.join(', ') || 'none'}`,
    `  compile seconds recorded in the rebuilt image: ${Object.entries(summary.coldRebuild.compileSeconds).map(([s, n]) => `${s} ${n}`).join(', ')}`,
    ...Object.entries(summary.inImageSeconds).map(([id, s]) => `  in-image tests of ${id} (the images side by side): ${s.toFixed(1)} s`),
    ...Object.entries(summary.cibuildwheelSeconds).map(([run, s]) => `  cibuildwheel (${run}): ${s.toFixed(1)} s`),
    ...summary.manifests.map((line) => `  multi-arch manifest pushed: ${line}`),
    ...Object.entries(summary.sbomPackages).map(([id, n]) => `  in-image SBOM of ${id}: ${n.total} packages, ${n.distro} of them distro packages`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.writeFileSync(path.join(STATE, 'summary.json'), JSON.stringify(summary, null, 2));
}
