/**
 * One synth of our app, started the way cdktf.json's `app` starts main.ts:
 * `bench-app.ts <fleet|generated> <images> <outdir>`. Prints `<ms from process start to
 * modules loaded> <construct + synth ms>`.
 */
import { performance } from 'perf_hooks';
import { App, ImageFleet } from '../constructs';
import { defineFleet, plainStackTraces } from '../main';
import { manylinux_2_28, policyArches } from '../policies';
import type { Policy } from '../policies';

const loaded = performance.now();
plainStackTraces(); // as main.ts does when cdktf runs it
const [kind, countArg, outdir] = process.argv.slice(2);
const app = new App({ outdir });

if (kind === 'fleet') {
  defineFleet(app);
} else {
  // N images: synthetic copies of manylinux_2_28, one policy per 5 arches.
  const fleet = new ImageFleet(app, 'fleet');
  const arches = policyArches(manylinux_2_28);
  const total = Number(countArg);
  for (let i = 0; fleet.images.length < total; i++) {
    const policy: Policy = { ...manylinux_2_28, publishedName: `bench${i}_2_28` };
    for (const arch of arches.slice(0, total - fleet.images.length)) {
      fleet.addImage({ policy, arch });
    }
  }
}
app.synth();
process.stdout.write(`${loaded} ${performance.now() - loaded}\n`);
