import { Testing } from 'cdktf';
import { App } from '../constructs';
import { defineFleet } from '../main';
import { tempDir } from './helpers/fleet';

// The one whole-fleet change detector. Every behaviour it covers is also asserted elsewhere;
// a diff here means the fleet's output changed: review it, then `npx jest -u`.
test('whole-fleet snapshot: fleet.json, every stack and every Dockerfile', () => {
  // GIVEN the default fleet
  const app = new App({ outdir: tempDir('snap-') });
  const fleet = defineFleet(app);
  // WHEN
  const stacks = Object.fromEntries(fleet.images.map((image) => {
    const json = JSON.parse(Testing.synth(image));
    delete json.terraform.backend; // the local backend path is absolute: machine-specific
    return [image.imageId, json];
  }));
  const dockerfiles = Object.fromEntries(fleet.images.map((image) => [
    image.imageId, image.contextFiles.find((file) => file.path === 'Dockerfile')!.content,
  ]));
  // THEN
  expect(JSON.parse(fleet.renderManifest())).toMatchSnapshot('fleet.json');
  expect(stacks).toMatchSnapshot('stacks');
  expect(dockerfiles).toMatchSnapshot('Dockerfiles');
});
