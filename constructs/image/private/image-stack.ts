import { Image } from '@cdktf/provider-docker/lib/image';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { RegistryImage } from '@cdktf/provider-docker/lib/registry-image';
import { Tag } from '@cdktf/provider-docker/lib/tag';
import { TerraformOutput, TerraformVariable } from 'cdktf';
import type { TerraformStack } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct } from 'constructs';
import * as path from 'path';
import { addBackend } from '../../private/backend';
import type { BackendConfig } from '../../private/backend';
import { contentTag } from '../../private/naming';
import type { ContextFile } from './scripts';
import { writeContext } from './scripts';

/** Build ids CI passes (`YYYY.MM.DD-N`), or `local` for a build on a developer machine. */
const BUILD_ID_PATTERN = '^(local|[0-9]{4}[.][0-9]{2}[.][0-9]{2}-[0-9]+)$';

/** The build context folder inside the stack's folder (Terraform resolves it from there). */
const CONTEXT_DIR = 'context';

/** Where an image stack builds, pushes and keeps its state (the fleet's configuration). */
export interface ImageTarget {
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
}

/** What one image stack builds and where it pushes. */
export interface ImageStackProps extends ImageTarget {
  readonly repository: string;
  readonly platform: string;
  /** The build's time limit (policies/architectures.ts buildTimeoutMinutes). */
  readonly buildTimeoutMinutes: number;
  readonly contextFiles: readonly ContextFile[];
  readonly specHash: string;
  readonly extraTags: readonly string[];
  /** The stages pushed as cache images, each by its content-addressed reference. */
  readonly caches: readonly CacheImage[];
  /** Build arguments of the final stage (values that depend on the spec hash: sbom.ts). */
  readonly buildArgs?: Readonly<Record<string, string>>;
}

/** One stage cache image of an image stack. */
export interface CacheImage {
  readonly stage: string;
  /** `<cache repository>:<image id>.<stage>.<inputs hash>` (naming.ts). */
  readonly reference: string;
  readonly inputsHash: string;
  /** The stages it is built on (their stage images are pushed first). */
  readonly parents: readonly string[];
}

/** The resources every image stack has. */
export interface ImageStackParts {
  readonly buildId: TerraformVariable;
  readonly image: Image;
}

/**
 * Fills an image stack: backend, Docker provider, the `build_id` variable, the build context
 * (written into the stack's folder at synth, never before), one stage image per stage (built
 * as that target on its parents' pushed stage images, with BuildKit's inline cache and its own
 * reference as `cache_from`, and pushed), the image built on the stage images with `triggers` =
 * spec hash, and a push per tag (content tag, build id, latest, extra tags). Every push has keep_remotely: no published tag is ever deleted.
 */
export function addImageResources(stack: TerraformStack, props: ImageStackProps): ImageStackParts {
  addBackend(stack, props.backend);

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

  addCustomSynthesis(new Construct(stack, 'BuildContext'), {
    onSynthesize: (session) => {
      const stackDir = session.manifest.forStack(stack).workingDirectory;
      writeContext(path.join(session.outdir, stackDir, CONTEXT_DIR), props.contextFiles);
    },
  });

  const timeouts = { create: `${props.buildTimeoutMinutes}m`, update: `${props.buildTimeoutMinutes}m` };
  // A fresh engine (a CI runner) has no build cache: each stage image is looked up in the
  // registry under the hash of its inputs (cache_from: that reference alone, see stage-cache.ts),
  // built only on a miss, and pushed with its cache metadata (BUILDKIT_INLINE_CACHE). Its
  // Dockerfile stage is written on its parents' stage images, so it is built after their pushes.
  const cacheScope = new Construct(stack, 'Cache');
  const pushes = new Map<string, RegistryImage>();
  for (const cache of props.caches) {
    const stageImage = new Image(cacheScope, cache.stage, {
      name: cache.reference,
      buildAttribute: {
        context: CONTEXT_DIR, dockerfile: 'Dockerfile', platform: props.platform, target: cache.stage,
        cacheFrom: [cache.reference], buildArgs: { BUILDKIT_INLINE_CACHE: '1' },
      },
      triggers: { inputs_hash: cache.inputsHash },
      keepLocally: true,
      timeouts,
      dependsOn: cache.parents.map((parent) => {
        const push = pushes.get(parent);
        if (push === undefined) {
          throw new Error(`stage ${cache.stage} is built on ${parent}, which has no stage image before it`);
        }
        return push;
      }),
    });
    // Pushed once per inputs hash: a later rebuild of the same stage from its cache (a fresh
    // runner) makes an image whose inline cache lacks the links of the steps it took from the
    // cache; pushing that over the tag would make the next cold build miss (measured).
    pushes.set(cache.stage, new RegistryImage(cacheScope, `${cache.stage}-push`, { name: stageImage.name, keepRemotely: true, triggers: { inputs_hash: cache.inputsHash } }));
  }
  const cachePushes = [...pushes.values()];

  // The final stage is built FROM the runtime base's stage image and copies from the others by
  // reference (stage-cache.ts onStageImages): no stage is rebuilt for it.
  const content = `${props.repository}:${contentTag(props.specHash)}`;
  const image = new Image(stack, 'Image', {
    name: content,
    buildAttribute: { context: CONTEXT_DIR, dockerfile: 'Dockerfile', platform: props.platform, ...(props.buildArgs ? { buildArgs: { ...props.buildArgs } } : {}) },
    triggers: { spec_hash: props.specHash },
    keepLocally: true,
    timeouts,
    dependsOn: cachePushes,
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
  new TerraformOutput(stack, 'cache_images', { value: props.caches.map((cache) => cache.reference) });
  return { buildId, image };
}

function isLoopback(registry: string): boolean {
  return /^(localhost|127\.[0-9.]+|\[::1\])(:[0-9]+)?(\/|$)/.test(registry);
}
