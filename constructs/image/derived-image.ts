import type { Image } from '@cdktf/provider-docker/lib/image';
import { TerraformStack } from 'cdktf';
import type { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { buildTimeoutMinutes } from '../../policies';
import { checkShape, fail, show } from '../private/errors';
import { contentTag, derivedImageIdOf, repositoryOf } from '../private/naming';
import { computeSpecHash, renderDerivedContext } from './build-context';
import type { ContextFile } from './build-context';
import type { ManylinuxImage } from './manylinux-image';
import { checkTags } from './private/image-checks';
import { addImageResources } from './private/image-stack';
import { sbomBuildArgs } from './sbom';
import type { ImageTarget } from './private/image-stack';

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

/** Props of a derived image stack: what it adds to which parent, and where it is built and pushed. */
export interface DerivedImageProps extends DerivedImageOptions, ImageTarget {
  readonly parent: ManylinuxImage;
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
  /** Tags pushed besides the content tag, the build id and `latest`. */
  public readonly extraTags: readonly string[];

  constructor(scope: Construct, props: DerivedImageProps) {
    const id = derivedImageIdOf(props.parent.imageId, String(props.name));
    validate(id, props);
    super(scope, id);
    this.imageId = id;
    this.parent = props.parent;
    this.repository = repositoryOf(props.registry, id);
    this.extraTags = props.extraTags ?? [];
    this.from = `${props.parent.repository}:${contentTag(props.parent.specHash)}`;
    this.contextFiles = renderDerivedContext({ id, from: this.from, parentId: props.parent.imageId, extraPackages: props.extraPackages });
    this.specHash = computeSpecHash(this.contextFiles);
    this.addDependency(props.parent);
    const parts = addImageResources(this, {
      registry: props.registry, dockerHost: props.dockerHost, backend: props.backend, repository: this.repository,
      platform: props.parent.spec.archInfo.dockerPlatform,
      buildTimeoutMinutes: buildTimeoutMinutes(props.parent.spec), contextFiles: this.contextFiles, specHash: this.specHash, extraTags: this.extraTags,
      // One stage on the parent image, which the registry serves: nothing to cache.
      caches: [],
      // The parent's SBOM template completed again, with the packages this image adds.
      buildArgs: sbomBuildArgs(id, this.specHash),
    });
    this.buildId = parts.buildId;
    this.image = parts.image;
  }
}

function validate(id: string, props: DerivedImageProps): void {
  checkShape(id, 'name', props.name, 'string', "name it like 'acme' or 'acme-gis'", true);
  checkShape(id, 'extraPackages', props.extraPackages, 'string[]', "list package names, e.g. extraPackages: ['gdal-devel']", true);
  checkShape(id, 'extraTags', props.extraTags, 'string[]', "list tags, e.g. extraTags: ['stable']");
  if (!NAME.test(props.name)) {
    fail(id, { what: `derived image name ${show(props.name)} is not lower-case words joined by -`, fix: 'name it like acme or acme-gis' });
  }
  if (props.extraPackages.length === 0) {
    fail(id, { what: 'a derived image adds no packages', fix: 'list extraPackages, or use the parent image itself' });
  }
  checkTags(id, props.extraTags ?? []);
  const family = props.parent.spec.family;
  for (const name of props.extraPackages) {
    if (!family.packageNamePattern.test(name)) {
      fail(id, { what: `extra package ${show(name)} is not a valid ${props.parent.spec.base.packageManager} package name`, fix: 'give bare package names (no versions, flags or shell syntax)' });
    }
  }
}
