import type { Image } from '@cdktf/provider-docker/lib/image';
import { TerraformStack } from 'cdktf';
import type { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import type { BackendConfig } from './config';
import { renderDerivedDockerfile } from './dockerfile';
import { BUILD_ARCHIVE } from './dockerfile-stages';
import { contentTag, manifestImage } from './fleet-manifest';
import type { ManifestImage } from './fleet-manifest';
import type { ManylinuxImage } from './manylinux-image';
import { computeSpecHash, readScripts } from './private/build-context';
import type { ContextFile } from './private/build-context';
import { fail, show } from './private/errors';
import { addImageResources } from './private/image-stack';
import { createTar } from './private/tar';

/** What a derived image adds to a fleet image. */
export interface DerivedImageOptions {
  /** Suffix of the image id: the derived image is `<parent id>-<name>`. */
  readonly name: string;
  /** Distro packages installed on top, named for the parent's package manager. */
  readonly extraPackages: readonly string[];
  /**
   * Tags pushed in addition to the content tag, the build id and `latest`.
   *
   * @default []
   */
  readonly extraTags?: readonly string[];
}

/** Props of a derived image stack. */
export interface DerivedImageProps extends DerivedImageOptions {
  readonly parent: ManylinuxImage;
  readonly registry: string;
  readonly dockerHost?: string;
  readonly backend: BackendConfig;
  readonly contextRoot: string;
}

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * An image built FROM a fleet image's content tag, adding system packages (a company's own
 * layer on top of the official image). Its stack depends on the parent's, and it is rebuilt
 * whenever the parent's content changes (the parent's content tag is in its Dockerfile).
 */
export class DerivedImage extends TerraformStack {
  public readonly imageId: string;
  public readonly parent: ManylinuxImage;
  public readonly repository: string;
  public readonly contextFiles: readonly ContextFile[];
  public readonly specHash: string;
  public readonly buildId: TerraformVariable;
  public readonly image: Image;
  /** The parent image reference this one is built FROM. */
  public readonly from: string;

  constructor(scope: Construct, props: DerivedImageProps) {
    const id = `${props.parent.imageId}-${props.name}`;
    validate(id, props);
    super(scope, id);
    this.imageId = id;
    this.parent = props.parent;
    this.repository = `${props.registry}/${id}`;
    this.from = `${props.parent.repository}:${contentTag(props.parent.specHash)}`;
    const buildFiles: ContextFile[] = [
      ...readScripts().filter((file) => ['lib.sh', 'install-derived-packages.sh'].includes(file.path)),
      { path: 'packages/derived.txt', mode: 0o644, content: props.extraPackages.map((p) => `${p}\n`).join('') },
    ];
    this.contextFiles = [
      { path: BUILD_ARCHIVE, mode: 0o644, content: createTar(buildFiles) },
      { path: 'Dockerfile', mode: 0o644, content: renderDerivedDockerfile({ id, from: this.from, parentId: props.parent.imageId }) },
    ];
    this.specHash = computeSpecHash(this.contextFiles);
    this.addDependency(props.parent);
    const parts = addImageResources(this, {
      repository: this.repository,
      registry: props.registry,
      platform: props.parent.spec.archInfo.dockerPlatform,
      dockerHost: props.dockerHost,
      backend: props.backend,
      contextRoot: props.contextRoot,
      contextFiles: this.contextFiles,
      specHash: this.specHash,
      extraTags: props.extraTags ?? [],
    });
    this.buildId = parts.buildId;
    this.image = parts.image;
  }

  /** This image's entry in fleet.json: the parent's facts, its own id, tags and hash. */
  public toManifest(): ManifestImage {
    const parent = manifestImage(this.parent.spec, this.repository, this.specHash);
    return { ...parent, id: this.imageId, stack: this.imageId, base: { ...parent.base, image: this.from, digest: null } };
  }
}

function validate(id: string, props: DerivedImageProps): void {
  if (!NAME.test(props.name)) {
    fail(id, { what: `derived image name ${show(props.name)} is not lower-case words joined by -`, fix: 'name it like acme or acme-gis' });
  }
  if (props.extraPackages.length === 0) {
    fail(id, { what: 'a derived image adds no packages', fix: 'list extraPackages, or use the parent image itself' });
  }
  const family = props.parent.spec.family;
  for (const name of props.extraPackages) {
    if (!family.packageNamePattern.test(name)) {
      fail(id, { what: `extra package ${show(name)} is not a valid ${props.parent.spec.base.packageManager} package name`, fix: 'give bare package names (no versions, flags or shell syntax)' });
    }
  }
}
