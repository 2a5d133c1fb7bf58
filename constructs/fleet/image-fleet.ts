import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as path from 'path';
import { PUBLISHED_POLICIES, policyArches } from '../../policies';
import type { Policy } from '../../policies';
import { FleetRepository } from '../github';
import { DerivedImage, ManylinuxImage, renderSbom } from '../image';
import type { DerivedImageOptions, ImageOptions } from '../image';
import { fail, showShort } from '../private/errors';
import { derivedImageIdOf, imageIdOf } from '../private/naming';
import { resolveFleetConfig } from './config';
import type { FleetConfig, FleetSettings } from './config';
import { FLEET_MANIFEST_FILE, renderFleetManifest } from './fleet-manifest';
import { buildFleetModel } from './fleet-model';
import type { FleetModel } from './fleet-model';

/** The folder of cdktf.out holding one SPDX document per fleet image, `<image id>.spdx.json`. */
export const SBOM_DIR = 'sbom';

/**
 * Writes each image's SBOM. `created` is SOURCE_DATE_EPOCH when set (reproducible output),
 * else the time of the synth.
 */
function writeSboms(dir: string, images: readonly ManylinuxImage[]): void {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const created = (epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const image of images) {
    const document = renderSbom({ spec: image.spec, specHash: image.specHash, created });
    fs.writeFileSync(path.join(dir, `${image.imageId}.spdx.json`), `${JSON.stringify(document, null, 2)}\n`);
  }
}

/** Props of the fleet. Unset values come from the environment and cdktf.json `context.fleet`. */
export type ImageFleetProps = FleetSettings;

/** Options of `addPolicy`: what `addImage` takes, less the policy and arch. */
export type AddPolicyOptions = Omit<ImageOptions, 'policy' | 'arch'>;

/**
 * The fleet: one ManylinuxImage stack per image, the `github` stack, and `fleet.json` written
 * at every synth (also for a fleet without images).
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
  private readonly stacks = new Map<string, ManylinuxImage | DerivedImage>();
  private cachedModel: { readonly size: number; readonly model: FleetModel } | undefined;

  constructor(scope: Construct, id: string, props: ImageFleetProps = {}) {
    super(scope, id);
    this.config = resolveFleetConfig({ props, context: scope.node.tryGetContext('fleet'), env: process.env });
    this.repository = new FleetRepository(this, 'github', {
      repository: this.config.githubRepository ?? undefined,
      defaultBranch: this.config.defaultBranch,
      registry: this.config.registry,
      images: () => this.model.images,
    });
    // One hook, on a stack every fleet has: fleet.json is written once per synth, images or not.
    addCustomSynthesis(new Construct(this.repository, 'FleetManifest'), {
      onSynthesize: (session) => {
        fs.mkdirSync(session.outdir, { recursive: true });
        fs.writeFileSync(path.join(session.outdir, FLEET_MANIFEST_FILE), renderFleetManifest(this.model));
        writeSboms(path.join(session.outdir, SBOM_DIR), this.images);
      },
    });
  }

  /** The fleet images (derived images aside), sorted by id. */
  public get images(): ManylinuxImage[] {
    return [...this.stacks.values()].filter((s): s is ManylinuxImage => s instanceof ManylinuxImage)
      .sort((a, b) => (a.imageId < b.imageId ? -1 : 1));
  }

  /** The typed fleet (every image stack, derived ones included), computed once per set of images. */
  public get model(): FleetModel {
    if (this.cachedModel?.size !== this.stacks.size) {
      this.cachedModel = { size: this.stacks.size, model: buildFleetModel(this.config.registry, [...this.stacks.values()]) };
    }
    return this.cachedModel.model;
  }

  /** Adds one image; throws when the input is invalid or the id is taken. */
  public addImage(options: ImageOptions): ManylinuxImage {
    const policy = (options as Partial<ImageOptions> | undefined)?.policy;
    if (policy?.publishedName !== undefined && typeof options.arch === 'string') {
      this.claim(imageIdOf(policy.publishedName, options.arch),
        `policy ${policy.publishedName}, arch ${options.arch} added twice`, 'add each policy/arch pair once; use addImage overrides instead of a second call');
    }
    const image = new ManylinuxImage(this, {
      ...options,
      registry: this.config.registry,
      dockerHost: this.config.dockerHosts[options.arch as keyof FleetConfig['dockerHosts']],
      backend: this.config.backend,
    });
    this.stacks.set(image.imageId, image);
    return image;
  }

  /** Adds an image built on top of a fleet image (`<parent id>-<name>`) with extra packages. */
  public addDerivedImage(parent: ManylinuxImage, options: DerivedImageOptions): DerivedImage {
    if (!(parent instanceof ManylinuxImage)) {
      fail('addDerivedImage', {
        what: 'parent must be an image this fleet returned from addImage or addPolicy',
        fix: "const base = fleet.addImage({ policy, arch }); fleet.addDerivedImage(base, { name: 'acme', extraPackages: ['git'] })",
      });
    }
    this.claim(derivedImageIdOf(parent.imageId, String(options?.name)), 'added twice', 'give each derived image of a parent its own name');
    const image = new DerivedImage(this, {
      ...options,
      parent,
      registry: this.config.registry,
      dockerHost: this.config.dockerHosts[parent.arch],
      backend: this.config.backend,
    });
    this.stacks.set(image.imageId, image);
    return image;
  }

  /** Adds one image per architecture the policy offers. */
  public addPolicy(policy: Policy, options: AddPolicyOptions = {}): ManylinuxImage[] {
    if (policy?.images === undefined) {
      const name = policy?.publishedName ?? 'addPolicy';
      fail(name, {
        what: policy?.publishedName === undefined
          ? `policy must be a policy record from policies/, got ${policy === undefined ? 'nothing' : showShort(policy)}`
          : `policy ${policy.publishedName} has no image recipe, so addPolicy has no architecture to add`,
        allowed: policy?.publishedName === undefined ? PUBLISHED_POLICIES.map((p) => p.publishedName) : undefined,
        fix: 'use addImage({ policy, arch, baseImage, toolchain }) for each architecture',
      });
    }
    return policyArches(policy).map((arch) => this.addImage({ ...options, policy, arch }));
  }

  private claim(id: string, why: string, fix: string): void {
    if (this.stacks.has(id) || id === this.repository.node.id) {
      fail(id, { what: `image id ${id} is already in the fleet (${why})`, fix });
    }
  }
}
