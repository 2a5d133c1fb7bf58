import { PACKAGE_MANAGERS } from '../../policies';
import type { Arch, ArchScope, Argv, MirrorRewrite, PackageManager } from '../../policies';
import { fail, show } from '../private/errors';
import type { ImageSpec } from './image-spec';

/** The distro packages of an image, by the step that installs them. */
export interface ImagePackages {
  /** Installed first, before bash exists (install-entrypoint.sh). */
  readonly bootstrap: readonly string[];
  /** What the image keeps (install-runtime-packages.sh). */
  readonly runtime: readonly string[];
  /** Headers only the build stages need (install-build-packages.sh). */
  readonly build: readonly string[];
}

/** One configuration file line to set (or, with a null value, to delete). */
export interface PlannedSetting {
  readonly file: string;
  readonly key: string;
  readonly value: string | null;
}

/** A rewrite of the `.repo` files. */
export interface PlannedRewrite {
  readonly from: string;
  readonly to: string;
}

/** The mirror fix of one image (all empty where the repositories are live). */
export interface PlannedMirrorFix {
  readonly vault: PlannedRewrite | null;
  readonly pathRewrite: PlannedRewrite | null;
  readonly baseurls: readonly { readonly repo: string; readonly baseurl: string }[];
}

/** Exactly what an image's scripts run with the package manager, in order. */
export interface InstallPlan {
  readonly packageManager: PackageManager;
  readonly packages: ImagePackages;
  /** Configuration settings (setup-repositories.sh, first). */
  readonly config: readonly PlannedSetting[];
  /** Repository commands (setup-repositories.sh), each followed by the mirror fix. */
  readonly repositories: readonly Argv[];
  readonly mirrors: PlannedMirrorFix;
  /** The install command; the packages follow it. */
  readonly install: Argv;
  readonly refresh: Argv;
  /** The upgrade commands (update-system-packages.sh). */
  readonly upgrade: readonly Argv[];
  /** The whole install command of the runtime stage: install + the runtime packages. */
  readonly runtimeInstall: Argv;
  /** The whole install command of the build base: install + the build packages. */
  readonly buildInstall: Argv;
}

/** True when data scoped with `onlyOn`/`notOn` applies to `arch`. */
export function appliesTo(scope: ArchScope, arch: Arch): boolean {
  return (scope.onlyOn?.includes(arch) ?? true) && !(scope.notOn ?? []).includes(arch);
}

/** The distro packages of an image: the family's, the release's, the toolchain's, the arch's and the user's. */
export function imagePackages(spec: ImageSpec): ImagePackages {
  const { family, base, toolchain } = spec;
  const extra = base.extraPackages ?? {};
  return {
    bootstrap: family.bootstrapPackages ?? [],
    runtime: [
      ...family.packages.manylinuxDeps, ...(extra.manylinuxDeps ?? []),
      ...family.packages.runtimeDeps, ...(extra.runtimeDeps ?? []),
      ...family.packages.baseTools, ...(extra.baseTools ?? []),
      ...toolchain.packages,
      ...(spec.archInfo.packages ?? []),
      ...spec.extraPackages,
    ],
    build: [...family.packages.compileDeps, ...(extra.compileDeps ?? [])],
  };
}

// The mirror fix builds sed expressions from these: URL characters only.
const URL_TEXT = /^[A-Za-z0-9:/._~-]+$/;

/**
 * Resolves the package manager data of one image (policies/package-managers.ts, the base
 * image's `repositories`, the arch exceptions) into what its scripts will run. Pure: the data
 * files renderImageData writes are this plan, serialized.
 */
export function installPlan(spec: ImageSpec): InstallPlan {
  const commands = PACKAGE_MANAGERS[spec.base.packageManager];
  const setup = spec.base.repositories ?? {};
  const on = (scope: ArchScope) => appliesTo(scope, spec.arch);
  const packages = imagePackages(spec);

  const config = (setup.config ?? []).filter(on).map(({ file, key, value }) => {
    if (value === '') {
      fail(spec.id, { what: `the ${spec.base.key} setting ${key} of ${file} has an empty value`, fix: 'give a value, or null to delete the key (policies/repositories.ts)' });
    }
    return { file, key, value };
  });
  const repositories = (setup.steps ?? []).filter(on).flatMap((step) => (step.kind === 'upgrade' ? commands.upgrade : [step.argv]));
  const rewrite = (r: MirrorRewrite | undefined): PlannedRewrite | null => {
    if (r === undefined || !on(r)) {
      return null;
    }
    for (const text of [r.from, r.to]) {
      if (!URL_TEXT.test(text)) {
        fail(spec.id, { what: `the ${spec.base.key} mirror rewrite ${show(text)} has characters a URL does not`, fix: 'use letters, digits and : / . _ ~ - only (policies/repositories.ts)' });
      }
    }
    return { from: r.from, to: r.to };
  };
  const mirrors = setup.mirrors ?? {};

  return {
    packageManager: spec.base.packageManager,
    packages,
    config,
    repositories,
    mirrors: {
      vault: rewrite(mirrors.vault),
      pathRewrite: rewrite(mirrors.pathRewrite),
      baseurls: (mirrors.baseurls ?? []).filter(on).map(({ repo, baseurl }) => ({ repo, baseurl })),
    },
    install: commands.install,
    refresh: commands.refresh,
    upgrade: commands.upgrade,
    runtimeInstall: [...commands.install, ...packages.runtime],
    buildInstall: [...commands.install, ...packages.build],
  };
}

/**
 * A command as one line of words joined by single spaces (the scripts split it with
 * `read -ra`): a word with whitespace in it would be split, so it is refused.
 */
export function commandLine(subject: string, argv: Argv): string {
  const bad = argv.find((word) => word === '' || /\s/.test(word));
  if (bad !== undefined) {
    fail(subject, { what: `command word ${show(bad)} of ${show(argv.join(' '))} is empty or contains whitespace`, fix: 'split it into words without spaces (policies/package-managers.ts, policies/repositories.ts)' });
  }
  return argv.join(' ');
}
