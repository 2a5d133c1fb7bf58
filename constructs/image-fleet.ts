import type { ISynthesisSession } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as path from 'path';
import type { Policy } from '../policies';
import { resolveFleetConfig } from './config';
import type { BackendConfig, FleetConfig } from './config';
import { renderFleetManifest } from './fleet-manifest';
import { DerivedImage } from './derived-image';
import type { DerivedImageOptions } from './derived-image';
import { FleetRepository } from './fleet-repository';
import { ManylinuxImage } from './manylinux-image';
import type { ImageOptions } from './manylinux-image';
import { fail } from './private/errors';
import { defaultContextRoot } from './private/build-context';

/** Props of the fleet. Unset values come from cdktf.json `context.fleet` and the environment. */
export interface ImageFleetProps {
  /**
   * Registry (and namespace) every image is pushed to.
   *
   * @default - FLEET_REGISTRY, else context.fleet.registry, else `localhost:5000`
   */
  readonly registry?: string;
  /**
   * `owner/name` of the GitHub repository whose workflows build the fleet.
   *
   * @default - FLEET_GITHUB_REPOSITORY, else context.fleet.githubRepository, else none
   */
  readonly githubRepository?: string;
  /**
   * Docker engine per arch.
   *
   * @default - FLEET_DOCKER_HOST_<ARCH>, else context.fleet.dockerHosts, else the provider default
   */
  readonly dockerHosts?: FleetConfig['dockerHosts'];
  /**
   * Terraform backend of every image stack.
   *
   * @default - context.fleet.backend, else local state files in the project directory
   */
  readonly backend?: BackendConfig;
  /**
   * Folder rendered build contexts are written to before synth copies them into cdktf.out.
   *
   * @default - `<os tmpdir>/manylinux-fleet-contexts`
   */
  readonly contextRoot?: string;
}

/** Options of `addPolicy`: what `addImage` takes, less the policy and arch. */
export type AddPolicyOptions = Omit<ImageOptions, 'policy' | 'arch'>;

/** File name of the fleet manifest inside the synth output folder. */
export const FLEET_MANIFEST_FILE = 'fleet.json';

/**
 * The fleet: one ManylinuxImage stack per image, and `fleet.json` written at every synth.
 *
 * @example
 * const fleet = new ImageFleet(app, 'fleet');
 * fleet.addPolicy(manylinux_2_28);
 * fleet.addImage({ policy: manylinux_2_36, arch: 'x86_64', baseImage: DEBIAN_12, toolchain: DEBIAN_12_GCC });
 */
export class ImageFleet extends Construct {
  /** Resolved configuration (props over environment over context over defaults). */
  public readonly config: FleetConfig;
  /** Stack `github`: workflows, secrets, variables, environment and ruleset of the repository. */
  public readonly repository: FleetRepository;
  private readonly contextRoot: string;
  private readonly imagesById = new Map<string, ManylinuxImage>();
  private readonly derivedById = new Map<string, DerivedImage>();
  private readonly writtenFor = new WeakSet<object>();

  constructor(scope: Construct, id: string, props: ImageFleetProps = {}) {
    super(scope, id);
    const resolved = resolveFleetConfig(scope.node.tryGetContext('fleet'), process.env);
    this.config = {
      registry: props.registry ?? resolved.registry,
      githubRepository: props.githubRepository ?? resolved.githubRepository,
      defaultBranch: resolved.defaultBranch,
      dockerHosts: props.dockerHosts ?? resolved.dockerHosts,
      backend: props.backend ?? resolved.backend,
    };
    if (props.registry !== undefined) {
      // Same rule as the configuration: validate the prop too.
      resolveFleetConfig({ registry: props.registry }, {});
    }
    this.contextRoot = props.contextRoot ?? defaultContextRoot();
    this.repository = new FleetRepository(this, 'github', {
      repository: this.config.githubRepository ?? undefined,
      defaultBranch: this.config.defaultBranch,
      registry: this.config.registry,
      images: () => JSON.parse(this.renderManifest()).images,
    });
  }

  /** The images, sorted by id. */
  public get images(): ManylinuxImage[] {
    return [...this.imagesById.values()].sort((a, b) => (a.imageId < b.imageId ? -1 : 1));
  }

  /** Adds one image; throws when the input is invalid or the id is taken. */
  public addImage(options: ImageOptions): ManylinuxImage {
    const id = `${options.policy.publishedName}_${options.arch}`;
    if (this.imagesById.has(id)) {
      fail(id, {
        what: `image id ${id} is already in the fleet (policy ${options.policy.publishedName}, arch ${options.arch} added twice)`,
        fix: 'add each policy/arch pair once; use addImage overrides instead of a second call',
      });
    }
    const image = new ManylinuxImage(this, {
      ...options,
      registry: this.config.registry,
      dockerHost: this.config.dockerHosts[options.arch as keyof FleetConfig['dockerHosts']],
      backend: this.config.backend,
      contextRoot: this.contextRoot,
    });
    this.imagesById.set(image.imageId, image);
    addCustomSynthesis(new Construct(image, 'FleetManifest'), {
      onSynthesize: (session) => this.writeManifest(session),
    });
    return image;
  }

  /** Adds an image built on top of a fleet image (`<parent id>-<name>`) with extra packages. */
  public addDerivedImage(parent: ManylinuxImage, options: DerivedImageOptions): DerivedImage {
    const id = `${parent.imageId}-${options.name}`;
    if (this.derivedById.has(id)) {
      fail(id, { what: `derived image ${id} is already in the fleet`, fix: 'give each derived image of a parent its own name' });
    }
    const image = new DerivedImage(this, {
      ...options,
      parent,
      registry: this.config.registry,
      dockerHost: this.config.dockerHosts[parent.arch],
      backend: this.config.backend,
      contextRoot: this.contextRoot,
    });
    this.derivedById.set(id, image);
    addCustomSynthesis(new Construct(image, 'FleetManifest'), { onSynthesize: (session) => this.writeManifest(session) });
    return image;
  }

  /** Adds one image per architecture the policy offers. */
  public addPolicy(policy: Policy, options: AddPolicyOptions = {}): ManylinuxImage[] {
    if (policy.images === undefined) {
      fail(policy.publishedName, {
        what: `policy ${policy.publishedName} has no image recipe, so addPolicy has no architecture to add`,
        fix: 'use addImage({ policy, arch, baseImage, toolchain }) for each architecture',
      });
    }
    return Object.keys(policy.images).map((arch) => this.addImage({ ...options, policy, arch }));
  }

  /** The fleet manifest as written to fleet.json. */
  public renderManifest(): string {
    return renderFleetManifest(this.config.registry, [
      ...this.images.map((image) => image.toManifest()),
      ...[...this.derivedById.values()].map((image) => image.toManifest()),
    ]);
  }

  private writeManifest(session: ISynthesisSession): void {
    if (this.writtenFor.has(session)) {
      return;
    }
    this.writtenFor.add(session);
    fs.mkdirSync(session.outdir, { recursive: true });
    fs.writeFileSync(path.join(session.outdir, FLEET_MANIFEST_FILE), this.renderManifest());
  }
}
