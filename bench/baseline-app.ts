/**
 * The benchmark's baseline: the smallest real cdktf app, one stack with the docker provider and
 * one image, loading only cdktf and the docker provider. Started by the same command as
 * cdktf.json's `app`. Prints `<ms from process start to modules loaded> <synth ms>`.
 */
import { Image } from '@cdktf/provider-docker/lib/image';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { performance } from 'perf_hooks';

const loaded = performance.now();
const app = new App({ outdir: process.argv[2] });
const stack = new TerraformStack(app, 'one');
new DockerProvider(stack, 'docker');
new Image(stack, 'image', { name: 'localhost:5000/one:latest' });
app.synth();
process.stdout.write(`${loaded} ${performance.now() - loaded}\n`);
