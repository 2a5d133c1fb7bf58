import * as fs from 'fs';
import * as path from 'path';
import { buildWorkflow, contentTag, renderFleetManifest, sbomBuildArgs } from '../constructs';
import { manylinux_2_28, musllinux_1_2 } from '../policies';
import { newFleet, synthJson } from './helpers/fleet';

describe('DerivedImage', () => {
  test('builds FROM the parent content tag and installs the extra packages', () => {
    // GIVEN
    const { fleet } = newFleet({ registry: 'ghcr.io/acme' });
    const parent = fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    // WHEN
    const derived = fleet.addDerivedImage(parent, { name: 'gis', extraPackages: ['gdal-devel', 'proj-devel'] });
    // THEN
    expect(derived.imageId).toBe('manylinux_2_28_x86_64-gis');
    const dockerfile = derived.contextFiles.find((f) => f.path === 'Dockerfile')!.content as string;
    expect(dockerfile).toMatch(new RegExp(`^FROM ghcr\\.io/acme/manylinux_2_28_x86_64:${contentTag(parent.specHash)} AS image$`, 'm'));
    expect(dockerfile).toContain('RUN ["manylinux-entrypoint","bash","/opt/_internal/build/install-derived-packages.sh"]');
    const json = synthJson(derived);
    expect(json.resource.docker_image.Image.name).toBe(`ghcr.io/acme/manylinux_2_28_x86_64-gis:${contentTag(derived.specHash)}`);
    expect(json.resource.docker_image.Image.build.platform).toBe('linux/amd64');
    expect(derived.dependencies).toContain(parent);
  });

  test('writes its SBOM again under its own name, version and namespace: the parent\'s template with every distro package now installed', () => {
    // GIVEN
    const { fleet } = newFleet({ registry: 'ghcr.io/acme' });
    const parent = fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    // WHEN
    const derived = fleet.addDerivedImage(parent, { name: 'gis', extraPackages: ['gdal-devel'] });
    // THEN the build passes the derived image's values to the stage that installs its packages
    expect(synthJson(derived).resource.docker_image.Image.build.build_args).toEqual(sbomBuildArgs(derived.imageId, derived.specHash));
    expect(sbomBuildArgs(derived.imageId, derived.specHash).FLEET_SBOM_NAME).toBe('manylinux_2_28_x86_64-gis');
    const dockerfile = derived.contextFiles.find((f) => f.path === 'Dockerfile')!.content as string;
    expect(dockerfile).toContain('ARG FLEET_SBOM_NAME\nARG FLEET_SBOM_NAMESPACE\nARG FLEET_SBOM_VERSION\nADD build.tar /opt/_internal/build/\n');
    // AND the install script writes it after the packages are in
    const script = fs.readFileSync(path.join(__dirname, '..', 'image-scripts', 'install-derived-packages.sh'), 'utf8');
    expect(script.indexOf('"${BUILD_DIR}/write-sbom.py"')).toBeGreaterThan(script.indexOf('pkg_install "'));
  });

  test('is rebuilt when its parent changes', () => {
    const a = newFleet();
    const b = newFleet();
    const derivedA = a.fleet.addDerivedImage(a.fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' }), { name: 'x', extraPackages: ['git'] });
    const derivedB = b.fleet.addDerivedImage(b.fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64', extraPackages: ['nano'] }), { name: 'x', extraPackages: ['git'] });
    expect(derivedB.specHash).not.toBe(derivedA.specHash);
  });

  test('appears in fleet.json with its parent as base', () => {
    const { fleet } = newFleet();
    const parent = fleet.addImage({ policy: musllinux_1_2, arch: 'aarch64' });
    fleet.addDerivedImage(parent, { name: 'acme', extraPackages: ['postgresql-dev'] });
    const manifest = JSON.parse(renderFleetManifest(fleet.model));
    expect(manifest.images.map((i: { id: string }) => i.id)).toEqual(['musllinux_1_2_aarch64', 'musllinux_1_2_aarch64-acme']);
    expect(manifest.images[1].base.image).toBe(`localhost:5000/musllinux_1_2_aarch64:${contentTag(parent.specHash)}`);
    // the parent link is typed in the model, not guessed from the base reference
    expect(fleet.model.images.map((i) => [i.id, i.parentId])).toEqual([['musllinux_1_2_aarch64', null], ['musllinux_1_2_aarch64-acme', 'musllinux_1_2_aarch64']]);
  });

  test('gets a build job that waits for its parent, and stays out of the policy manifest', () => {
    const { fleet } = newFleet();
    const parent = fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    fleet.addDerivedImage(parent, { name: 'gis', extraPackages: ['gdal-devel'] });
    const workflow = buildWorkflow({ images: fleet.model.images, registry: fleet.model.registry, defaultBranch: 'main' });
    expect(workflow.jobs['manylinux_2_28_x86_64-gis'].needs).toEqual(['manylinux_2_28_x86_64']);
    expect(workflow.jobs['manylinux_2_28_x86_64'].needs).toBeUndefined();
    expect(workflow.jobs['manifest-manylinux_2_28'].needs).toEqual(['manylinux_2_28_x86_64']);
  });

  test('fails if the name is not lower-case words, the package list is empty or a package name is invalid', () => {
    const { fleet } = newFleet();
    const parent = fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' });
    expect(() => fleet.addDerivedImage(parent, { name: 'Acme Corp', extraPackages: ['git'] }))
      .toThrow(/^manylinux_2_28_x86_64-Acme Corp: derived image name 'Acme Corp' is not lower-case words joined by -; name it like acme/);
    expect(() => fleet.addDerivedImage(parent, { name: 'acme', extraPackages: [] }))
      .toThrow(/^manylinux_2_28_x86_64-acme: a derived image adds no packages; list extraPackages/);
    expect(() => fleet.addDerivedImage(parent, { name: 'acme', extraPackages: ['git && curl evil'] }))
      .toThrow(/^manylinux_2_28_x86_64-acme: extra package 'git && curl evil' is not a valid dnf package name/);
    fleet.addDerivedImage(parent, { name: 'acme', extraPackages: ['git'] });
    expect(() => fleet.addDerivedImage(parent, { name: 'acme', extraPackages: ['nano'] }))
      .toThrow(/^manylinux_2_28_x86_64-acme: image id manylinux_2_28_x86_64-acme is already in the fleet \(added twice\); give each derived image/);
  });
});
