import { Testing } from 'cdktf';
import { App, buildWorkflow, fleetDiffWorkflow, renderFleetManifest, renderWorkflow } from '../constructs';
import { defineFleet } from '../main';
import { tempDir } from './helpers/fleet';

// The one whole-fleet change detector. Every behaviour it covers is also asserted elsewhere;
// a diff here means the fleet's output changed: review it, then `npx jest -u`.
test('whole-fleet snapshot: fleet.json, every stack, every Dockerfile, the workflows', () => {
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
  const manifest = JSON.parse(renderFleetManifest(fleet.model));
  const workflows = [buildWorkflow({ images: fleet.model.images, registry: fleet.model.registry, defaultBranch: 'main' }), fleetDiffWorkflow()]
    .map((workflow) => renderWorkflow(workflow));
  stacks.github = JSON.parse(Testing.synth(fleet.repository));
  // THEN
  expect(manifest).toMatchSnapshot('fleet.json');
  expect(workflows).toMatchSnapshot('workflows');
  expect(stacks).toMatchSnapshot('stacks');
  expect(dockerfiles).toMatchSnapshot('Dockerfiles');
});
