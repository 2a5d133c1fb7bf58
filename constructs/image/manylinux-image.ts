import type { Image } from '@cdktf/provider-docker/lib/image';
import { Annotations, TerraformStack } from 'cdktf';
import type { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { buildTimeoutMinutes } from '../../policies';
import type { Arch, Policy } from '../../policies';
import { repositoryOf } from '../private/naming';
import { computeSpecHash, renderImageBuild } from './build-context';
import type { ContextFile } from './build-context';
import { resolveImageSpec } from './image-spec';
import type { ImageOptions, ImageSpec } from './image-spec';
import { addImageResources } from './private/image-stack';
import { sbomBuildArgs } from './sbom';
import type { CacheImage, ImageTarget } from './private/image-stack';

/** Props of one image stack: what the image is, and where it is built and pushed. */
export interface ManylinuxImageProps extends ImageOptions, ImageTarget {}

/**
 * One manylinux image: its own Terraform stack, named by the image id (`manylinux_2_28_x86_64`).
 *
 * The stack builds the image from its rendered build context with the kreuzwerker/docker
 * provider and pushes three tags: the content tag `spec-<hash>`, the build id and `latest`.
 * Each stage before the final one is built and pushed as its own stage image, tagged by the
 * hash of its inputs and reading its build cache from that tag; the image is assembled from
 * the stage images.
 * The provider does not hash the context, so the spec hash is the build's trigger: the image
 * is rebuilt exactly when a file of its context changes. Published tags are never deleted.
 */
export class ManylinuxImage extends TerraformStack {
  /** Image id and stack name: `<policy>_<arch>`. */
  public readonly imageId: string;
  public readonly policy: Policy;
  public readonly arch: Arch;
  /** The resolved, validated image: what every renderer reads. */
  public readonly spec: ImageSpec;
  /** The rendered build context. */
  public readonly contextFiles: readonly ContextFile[];
  /** sha256 over the build context (64 hex). */
  public readonly specHash: string;
  /** `<registry>/<image id>`. */
  public readonly repository: string;
  /** Build id Terraform variable (CI passes `YYYY.MM.DD-N`). */
  public readonly buildId: TerraformVariable;
  /** The built image. */
  public readonly image: Image;
  /** Every stage but the final one, pushed as a cache image addressed by the hash of its inputs. */
  public readonly cacheImages: readonly CacheImage[];

  constructor(scope: Construct, props: ManylinuxImageProps) {
    const spec = resolveImageSpec(props);
    super(scope, spec.id);
    this.spec = spec;
    this.imageId = spec.id;
    this.policy = spec.policy;
    this.arch = spec.arch;
    this.repository = repositoryOf(props.registry, spec.id);
    const build = renderImageBuild(spec, props.registry);
    this.contextFiles = build.files;
    this.specHash = computeSpecHash(this.contextFiles);
    this.cacheImages = build.caches;

    for (const warning of spec.warnings) {
      Annotations.of(this).addWarning(warning);
    }
    const parts = addImageResources(this, {
      ...props, repository: this.repository, platform: spec.archInfo.dockerPlatform,
      buildTimeoutMinutes: buildTimeoutMinutes(spec),
      contextFiles: this.contextFiles, specHash: this.specHash, extraTags: spec.extraTags, caches: this.cacheImages,
      buildArgs: sbomBuildArgs(spec.id, this.specHash),
    });
    this.buildId = parts.buildId;
    this.image = parts.image;
  }
}
