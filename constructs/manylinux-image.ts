import { Image } from '@cdktf/provider-docker/lib/image';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { RegistryImage } from '@cdktf/provider-docker/lib/registry-image';
import { Tag } from '@cdktf/provider-docker/lib/tag';
import {
  Annotations, AssetType, LocalBackend, S3Backend, TerraformAsset, TerraformOutput, TerraformStack, TerraformVariable,
} from 'cdktf';
import { Construct } from 'constructs';
import * as path from 'path';
import type { Arch, Policy } from '../policies';
import type { BackendConfig } from './config';
import { contentTag, manifestImage } from './fleet-manifest';
import type { ManifestImage } from './fleet-manifest';
import { computeSpecHash, renderBuildContext, writeBuildContext } from './private/build-context';
import type { ContextFile } from './private/build-context';
import { resolveImageSpec } from './private/image-spec';
import type { ImageOptions, ImageSpec } from './private/image-spec';

export type { ImageOptions } from './private/image-spec';

/** Props of one image stack. */
export interface ManylinuxImageProps extends ImageOptions {
  /** Registry (and namespace) the image is pushed to, e.g. `localhost:5000`. */
  readonly registry: string;
  /**
   * Docker engine that builds the image.
   *
   * @default - the provider default: DOCKER_HOST, else the local socket
   */
  readonly dockerHost?: string;
  /** Where Terraform keeps this stack's state. */
  readonly backend: BackendConfig;
  /** Folder rendered build contexts are written to (content-addressed). */
  readonly contextRoot: string;
}

/** Build ids CI passes (`YYYY.MM.DD-N`), or `local` for a build on a developer machine. */
const BUILD_ID_PATTERN = '^(local|[0-9]{4}[.][0-9]{2}[.][0-9]{2}-[0-9]+)$';

/**
 * One manylinux image: its own Terraform stack, named by the image id (`manylinux_2_28_x86_64`).
 *
 * The stack builds the image from its rendered build context with the kreuzwerker/docker
 * provider and pushes three tags: the content tag `spec-<hash>`, the build id and `latest`.
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

  constructor(scope: Construct, props: ManylinuxImageProps) {
    const spec = resolveImageSpec(props);
    super(scope, spec.id);
    this.spec = spec;
    this.imageId = spec.id;
    this.policy = spec.policy;
    this.arch = spec.arch;
    this.repository = `${props.registry}/${spec.id}`;
    this.contextFiles = renderBuildContext(spec);
    this.specHash = computeSpecHash(this.contextFiles);

    for (const warning of spec.warnings) {
      Annotations.of(this).addWarning(warning);
    }
    configureBackend(this, spec.id, props.backend);

    new DockerProvider(this, 'docker', {
      host: props.dockerHost,
      registryAuth: isLoopback(props.registry) ? undefined : [{ address: props.registry.split('/')[0] }],
    });

    this.buildId = new TerraformVariable(this, 'build_id', {
      type: 'string',
      default: 'local',
      description: 'Build id tag pushed with this image: YYYY.MM.DD-N in CI, local on a workstation',
      validation: [{
        condition: `\${can(regex("${BUILD_ID_PATTERN}", var.build_id))}`,
        errorMessage: 'build_id must be YYYY.MM.DD-N (or local).',
      }],
    });

    const context = new TerraformAsset(this, 'context', {
      path: writeBuildContext(props.contextRoot, this.specHash, this.contextFiles),
      type: AssetType.DIRECTORY,
      assetHash: this.specHash,
    });

    const content = `${this.repository}:${contentTag(this.specHash)}`;
    this.image = new Image(this, 'Image', {
      name: content,
      buildAttribute: {
        context: context.path,
        dockerfile: 'Dockerfile',
        platform: spec.archInfo.dockerPlatform,
      },
      triggers: { spec_hash: this.specHash },
      keepLocally: true,
    });

    const push = new Construct(this, 'Push');
    new RegistryImage(push, 'content', {
      name: this.image.name,
      keepRemotely: true,
      triggers: { image_id: this.image.imageId },
    });
    const aliases: [string, string][] = [
      ['build-id', this.buildId.stringValue],
      ['latest', 'latest'],
      ...spec.extraTags.map((tag): [string, string] => [`tag-${tag}`, tag]),
    ];
    for (const [id, tag] of aliases) {
      const alias = new Tag(push, `${id}-tag`, {
        sourceImage: this.image.imageId,
        targetImage: `${this.repository}:${tag}`,
        tagTriggers: [this.image.imageId],
      });
      new RegistryImage(push, id, {
        name: alias.targetImage,
        keepRemotely: true,
        triggers: { image_id: this.image.imageId },
        dependsOn: [alias],
      });
    }

    new TerraformOutput(this, 'repository', { value: this.repository });
    new TerraformOutput(this, 'content_tag', { value: content });
    new TerraformOutput(this, 'spec_hash', { value: this.specHash });
  }

  /** This image's entry in fleet.json. */
  public toManifest(): ManifestImage {
    return manifestImage(this.spec, this.repository, this.specHash);
  }
}

function configureBackend(stack: TerraformStack, id: string, backend: BackendConfig): void {
  if (backend.type === 's3') {
    new S3Backend(stack, { bucket: backend.bucket, region: backend.region, key: `${backend.keyPrefix ?? 'manylinux-fleet/'}${id}.tfstate` });
  } else if (backend.dir !== undefined) {
    new LocalBackend(stack, { path: path.resolve(backend.dir, `${id}.tfstate`) });
  }
}

function isLoopback(registry: string): boolean {
  return /^(localhost|127\.[0-9.]+|\[::1\])(:[0-9]+)?(\/|$)/.test(registry);
}
