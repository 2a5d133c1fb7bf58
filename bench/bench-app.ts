/**
 * One synth, as `cdktf synth` runs an app: `bench-app.ts <baseline|fleet|generated> [images] <outdir>`.
 * Prints the in-process synth milliseconds on stdout.
 */
import { Image } from '@cdktf/provider-docker/lib/image';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { TerraformStack } from 'cdktf';
import { App, ImageFleet } from '../constructs';
import { defineFleet, plainStackTraces } from '../main';
import { manylinux_2_28 } from '../policies';
import type { Policy } from '../policies';

plainStackTraces(); // as main.ts does when cdktf runs it
const [kind, countArg, outdir] = process.argv.slice(2);
const started = process.hrtime.bigint();
const app = new App({ outdir });

if (kind === 'baseline') {
  const stack = new TerraformStack(app, 'one');
  new DockerProvider(stack, 'docker');
  new Image(stack, 'image', { name: 'localhost:5000/one:latest' });
} else if (kind === 'fleet') {
  defineFleet(app);
} else {
  // N images: synthetic copies of manylinux_2_28, one policy per 5 arches.
  const fleet = new ImageFleet(app, 'fleet', { contextRoot: process.env.BENCH_CONTEXT_ROOT });
  const arches = Object.keys(manylinux_2_28.images!);
  const total = Number(countArg);
  for (let i = 0; fleet.images.length < total; i++) {
    const policy: Policy = { ...manylinux_2_28, publishedName: `bench${i}_2_28` };
    for (const arch of arches.slice(0, total - fleet.images.length)) {
      fleet.addImage({ policy, arch });
    }
  }
}
app.synth();
process.stdout.write(`${Number(process.hrtime.bigint() - started) / 1e6}\n`);
