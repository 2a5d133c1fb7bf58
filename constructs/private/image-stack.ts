import { Image } from '@cdktf/provider-docker/lib/image';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { RegistryImage } from '@cdktf/provider-docker/lib/registry-image';
import { Tag } from '@cdktf/provider-docker/lib/tag';
import {
  AssetType, LocalBackend, S3Backend, TerraformAsset, TerraformOutput, TerraformStack, TerraformVariable,
} from 'cdktf';
import { Construct } from 'constructs';
import * as path from 'path';
import type { BackendConfig } from '../config';
import { contentTag } from '../fleet-manifest';
import { writeBuildContext } from './build-context';
import type { ContextFile } from './build-context';

/** Build ids CI passes (`YYYY.MM.DD-N`), or `local` for a build on a developer machine. */
const BUILD_ID_PATTERN = '^(local|[0-9]{4}[.][0-9]{2}[.][0-9]{2}-[0-9]+)$';

/** What one image stack builds and where it pushes. */
export interface ImageStackProps {
  readonly repository: string;
  readonly registry: string;
  readonly platform: string;
  readonly dockerHost?: string;
  readonly backend: BackendConfig;
  readonly contextRoot: string;
  readonly contextFiles: readonly ContextFile[];
  readonly specHash: string;
  readonly extraTags: readonly string[];
}

/** The resources every image stack has. */
export interface ImageStackParts {
  readonly buildId: TerraformVariable;
  readonly image: Image;
}

/**
 * Fills an image stack: backend, Docker provider, the `build_id` variable, the build context
 * asset, the image built with `triggers` = spec hash, and a push per tag (content tag, build
 * id, latest, extra tags), each with keep_remotely so no published tag is ever deleted.
 */
export function addImageResources(stack: TerraformStack, props: ImageStackProps): ImageStackParts {
  const id = stack.node.id;
  if (props.backend.type === 's3') {
    new S3Backend(stack, { bucket: props.backend.bucket, region: props.backend.region, key: `${props.backend.keyPrefix ?? 'manylinux-fleet/'}${id}.tfstate` });
  } else if (props.backend.dir !== undefined) {
    new LocalBackend(stack, { path: path.resolve(props.backend.dir, `${id}.tfstate`) });
  }

  // The provider pushes only to registries it has an auth entry for. A loopback registry is
  // plain HTTP without authentication, as Docker treats it ("http://" tells the provider);
  // any other registry is HTTPS with DOCKER_REGISTRY_USER/PASS or ~/.docker/config.json.
  const address = props.registry.split('/')[0];
  new DockerProvider(stack, 'docker', {
    host: props.dockerHost,
    registryAuth: [isLoopback(props.registry) ? { address: `http://${address}`, authDisabled: true } : { address }],
  });

  const buildId = new TerraformVariable(stack, 'build_id', {
    type: 'string',
    default: 'local',
    description: 'Build id tag pushed with this image: YYYY.MM.DD-N in CI, local on a workstation',
    validation: [{
      condition: `\${can(regex("${BUILD_ID_PATTERN}", var.build_id))}`,
      errorMessage: 'build_id must be YYYY.MM.DD-N (or local).',
    }],
  });

  const context = new TerraformAsset(stack, 'context', {
    path: writeBuildContext(props.contextRoot, props.specHash, props.contextFiles),
    type: AssetType.DIRECTORY,
    assetHash: props.specHash,
  });

  const content = `${props.repository}:${contentTag(props.specHash)}`;
  const image = new Image(stack, 'Image', {
    name: content,
    buildAttribute: { context: context.path, dockerfile: 'Dockerfile', platform: props.platform },
    triggers: { spec_hash: props.specHash },
    keepLocally: true,
  });

  const push = new Construct(stack, 'Push');
  // Pushes run one after the other: the first uploads the layers, the others only add a tag
  // (concurrent uploads of the same layers make some registries answer 500).
  let previous = new RegistryImage(push, 'content', { name: image.name, keepRemotely: true, triggers: { image_id: image.imageId } });
  const aliases: [string, string][] = [
    ['build-id', buildId.stringValue],
    ['latest', 'latest'],
    ...props.extraTags.map((tag): [string, string] => [`tag-${tag}`, tag]),
  ];
  for (const [aliasId, tag] of aliases) {
    const alias = new Tag(push, `${aliasId}-tag`, {
      sourceImage: image.imageId,
      targetImage: `${props.repository}:${tag}`,
      tagTriggers: [image.imageId],
    });
    previous = new RegistryImage(push, aliasId, {
      name: alias.targetImage,
      keepRemotely: true,
      triggers: { image_id: image.imageId },
      dependsOn: [alias, previous],
    });
  }

  new TerraformOutput(stack, 'repository', { value: props.repository });
  new TerraformOutput(stack, 'content_tag', { value: content });
  new TerraformOutput(stack, 'spec_hash', { value: props.specHash });
  return { buildId, image };
}

function isLoopback(registry: string): boolean {
  return /^(localhost|127\.[0-9.]+|\[::1\])(:[0-9]+)?(\/|$)/.test(registry);
}
