/**
 * Types of the fleet's data catalogue.
 *
 * Everything under policies/ is plain typed data: no cdktf, no constructs. A fact has exactly
 * one home here; image names, workflow matrices, registry tags and README tables are derived
 * from these records by the constructs and the CLI, never listed again.
 */

import type { Toolchain } from './toolchain-types';

/** CPU architectures, spelled as in wheel platform tags (`manylinux_2_28_x86_64`). */
export type Arch = 'x86_64' | 'i686' | 'aarch64' | 'ppc64le' | 's390x' | 'armv7l' | 'riscv64' | 'loongarch64';

/** The C library a policy (and a base image) is defined against. */
export type LibcKind = 'glibc' | 'musl';

/** Distro families: one package manager and one set of package names each. */
export type FamilyName = 'rhel' | 'debian' | 'alpine';

/** A package manager command available on a base image. */
export type PackageManager = 'yum' | 'dnf' | 'apt' | 'apk';

/** Where a fact was read, e.g. `pypa/manylinux@ad3c453:build.sh`. */
export type Citation = string;

/** One architecture: how Docker names it and how CI runs it. */
export interface ArchInfo {
  readonly name: Arch;
  /** Docker/OCI platform string, e.g. `linux/amd64`. */
  readonly dockerPlatform: string;
  /** GitHub-hosted runner label that builds this architecture. */
  readonly runner: string;
  /** The architecture of the runner's CPU (what a cross stage runs on). */
  readonly runnerArch: Arch;
  /** True when commands run under `linux32` on a 64-bit host (i686 on x86_64, armv7l on arm64). */
  readonly linux32: boolean;
  /**
   * `--build` triple for CPython's configure per libc, where its guess is wrong under linux32.
   *
   * @default - configure's guess
   */
  readonly configureBuild?: Partial<Record<LibcKind, string>>;
  /**
   * Distro packages every image of this arch installs (same name on every family).
   *
   * @default []
   */
  readonly packages?: readonly string[];
  readonly citation: Citation;
}

/** Package sets installed from the distro, by purpose. */
export interface PackageSets {
  /** Development packages kept in the image because the policy allows linking to them. */
  readonly manylinuxDeps: readonly string[];
  /** Libraries the interpreters need at run time. */
  readonly runtimeDeps: readonly string[];
  /** Tools every image ships (make, patch, curl, …). */
  readonly baseTools: readonly string[];
  /** Headers needed only while compiling CPython and native dependencies. */
  readonly compileDeps: readonly string[];
}

/** A distro family: the package names common to every base of that family. */
export interface DistroFamily {
  readonly name: FamilyName;
  readonly libc: LibcKind;
  readonly packages: PackageSets;
  /**
   * Packages installed before anything else (the scripts need bash).
   *
   * @default []
   */
  readonly bootstrapPackages?: readonly string[];
  /**
   * Login shell set for root and new users.
   *
   * @default - the distro's
   */
  readonly defaultShell?: string;
  /** Package names a user may pass in `extraPackages` must match this. */
  readonly packageNamePattern: RegExp;
  readonly citation: Citation;
}

/** A base image: one distro release, one reference per architecture. */
export interface BaseImage {
  /** Stable key, e.g. `almalinux-8`. */
  readonly key: string;
  readonly distro: string;
  readonly version: string;
  readonly family: FamilyName;
  readonly packageManager: PackageManager;
  readonly libc: LibcKind;
  /** `2.28` for glibc, `1.2` for musl (the policy granularity). */
  readonly libcVersion: string;
  /**
   * Image reference per architecture, a tag. Its digest per architecture is pinned in
   * locks/bases.json (`npm run fleet -- update bases`), not here.
   */
  readonly references: Partial<Record<Arch, string>>;
  /** Packages this release adds to the family's sets (version-specific names). */
  readonly extraPackages?: Partial<PackageSets>;
  /**
   * The distro's x86_64 compiler and libraries target this micro-architecture level.
   *
   * @default - plain x86-64
   */
  readonly x86_64Baseline?: 'x86-64-v2';
  /**
   * How the package manager is set up before anything is installed: configuration settings,
   * repositories to enable, and where an end-of-life release's repositories moved.
   *
   * @default - the base image's configuration and repositories as they are
   */
  readonly repositories?: RepositorySetup;
  /**
   * The system libcrypt is glibc's: it is deleted once the image has libxcrypt's
   * `/usr/local/lib/libcrypt.so.1` (built from source), so everything links libxcrypt.
   *
   * @default false
   */
  readonly replaceSystemLibcrypt?: boolean;
  /**
   * yum `$basearch` per arch, where the distro's detection is wrong in a 32-bit container.
   *
   * @default - detected by yum
   */
  readonly yumBasearch?: Partial<Record<Arch, string>>;
  /**
   * Native dependencies built from source on this base in addition to the common set
   * (the distro's versions are too old).
   *
   * @default []
   */
  readonly nativeBuilds?: readonly NativeSource[];
  readonly citation: Citation;
}

/** The arches a piece of data applies to. */
export interface ArchScope {
  /**
   * Only on these arches.
   *
   * @default - every arch
   */
  readonly onlyOn?: readonly Arch[];
  /**
   * Not on these arches.
   *
   * @default []
   */
  readonly notOn?: readonly Arch[];
}

/** One `key=value` line of a package manager's configuration file. */
export interface ConfigSetting extends ArchScope {
  /** Absolute path of the file, e.g. `/etc/yum.conf`. */
  readonly file: string;
  readonly key: string;
  /** The value to set; null deletes every `key=` line. */
  readonly value: string | null;
  readonly citation: Citation;
}

/**
 * One step that adds, enables or refreshes package repositories, run in order before the
 * image's packages are installed: a command (argv, no shell), or the package manager's upgrade.
 */
export type RepositoryStep =
  | (ArchScope & { readonly kind: 'command'; readonly argv: readonly string[]; readonly citation: Citation })
  | (ArchScope & { readonly kind: 'upgrade'; readonly citation: Citation });

/** A text rewrite of the `.repo` files (URL prefixes, paths), on the arches it names. */
export interface MirrorRewrite extends ArchScope {
  readonly from: string;
  readonly to: string;
  readonly citation: Citation;
}

/** The baseurl one repository (by id) gets, where the repository exists. */
export interface RepoBaseurl extends ArchScope {
  readonly repo: string;
  readonly baseurl: string;
  readonly citation: Citation;
}

/**
 * Where an end-of-life release's repositories live now. Applied after every step that can add
 * or update `.repo` files, and kept in the image as the `fixup-mirrors` command.
 */
export interface MirrorFix {
  /**
   * The repositories moved to an archive host: mirror lists are commented out and every
   * `baseurl=` starting with `from` (commented or not) starts with `to` instead.
   *
   * @default - not moved
   */
  readonly vault?: MirrorRewrite;
  /**
   * A path rewritten in every `.repo` file (after the vault move).
   *
   * @default - none
   */
  readonly pathRewrite?: MirrorRewrite;
  /**
   * Per-repository baseurls (with `yum-config-manager --save`).
   *
   * @default []
   */
  readonly baseurls?: readonly RepoBaseurl[];
}

/** The package manager set-up of a base image, in the order it runs. */
export interface RepositorySetup {
  /**
   * Configuration file settings, applied first.
   *
   * @default []
   */
  readonly config?: readonly ConfigSetting[];
  /**
   * Repository steps, each followed by the mirror fix.
   *
   * @default []
   */
  readonly steps?: readonly RepositoryStep[];
  /**
   * The mirror fix of an end-of-life release.
   *
   * @default - repositories are live
   */
  readonly mirrors?: MirrorFix;
}

export type { CrossTarget, CrossToolchain, Toolchain } from './toolchain-types';

/** How one archive is fetched and verified. */
export interface SourceArchive {
  readonly url: string;
  /** 64 lowercase hex characters. */
  readonly sha256: string;
  /** Where the sha256 was read. */
  readonly citation: Citation;
}

/** A native dependency built from source. */
export interface NativeSource extends SourceArchive {
  /** Stable key: the build script is `build-<name>.sh`. */
  readonly name: string;
  readonly version: string;
  /** CPython links against it (its files are in every CPython build stage). */
  readonly cpythonDependency: boolean;
  /**
   * Other native builds whose files this one compiles against, when the image has them.
   *
   * @default []
   */
  readonly needs?: readonly string[];
}

export type Implementation = 'cpython' | 'pypy' | 'graalpy';

/** A Python interpreter an image installs or can install on demand. */
export interface Interpreter {
  /** The /opt/python directory name: `cp312-cp312`, `cp314-cp314t`, `pp311-pypy311_pp73`. */
  readonly tag: string;
  readonly implementation: Implementation;
  /** Implementation version (CPython `3.12.13`, PyPy `7.3.23`). */
  readonly version: string;
  /** Python language version `X.Y`. */
  readonly pythonVersion: string;
  /** Built with `--disable-gil`. */
  readonly freeThreaded: boolean;
  /** Source tarball (CPython): built from source on every arch. */
  readonly source?: SourceArchive;
  /** Prebuilt binaries per arch (PyPy, GraalPy): available only where listed. */
  readonly binaries?: Partial<Record<Arch, SourceArchive>>;
  /** C libraries it runs on. */
  readonly libc: readonly LibcKind[];
  /** Installed in the image by default (else `manylinux-interpreters ensure` installs it). */
  readonly installedByDefault: boolean;
}

/** A Python-level tool installed with pipx. */
export interface Tool {
  readonly name: string;
  readonly version: string;
  /** Images the tool is not installed on (no wheels there). */
  readonly excludedOn?: readonly { readonly libc?: LibcKind; readonly arch: Arch }[];
  /**
   * Oldest Python `X.Y` the tool runs on (its wheel's Requires-Python).
   *
   * @default - any Python of the image
   */
  readonly requiresPython?: string;
  readonly citation: Citation;
}

/** Highest symbol version per prefix (GLIBC, GLIBCXX, CXXABI, GCC, ZLIB, LIBATOMIC). */
export type SymbolVersionCaps = Readonly<Record<'GLIBC' | 'GLIBCXX' | 'CXXABI' | 'GCC' | 'ZLIB' | 'LIBATOMIC', string | null>>;

export type PolicyStatus =
  | { readonly kind: 'supported' }
  | { readonly kind: 'alpha' }
  | { readonly kind: 'beta' }
  | { readonly kind: 'end-of-life'; readonly since: string; readonly reference: string };

/** What the images of one policy are built from, on the arches the base image offers. */
export interface ImageRecipe {
  readonly base: BaseImage;
  readonly toolchain: Toolchain;
  /**
   * The arches built from this recipe.
   *
   * @default - every arch the base image has a reference for
   */
  readonly arches?: readonly Arch[];
}

/** A packaging policy (PEP 600 / PEP 656) as auditwheel knows it, plus its images if any. */
export interface Policy {
  /** Canonical name, e.g. `manylinux_2_17`. */
  readonly name: string;
  /** Name images are published under (`manylinux2014` for `manylinux_2_17`). */
  readonly publishedName: string;
  readonly aliases: readonly string[];
  /** auditwheel priority: higher is older / more compatible. */
  readonly priority: number;
  readonly libc: { readonly kind: LibcKind; readonly version: string };
  readonly status: PolicyStatus;
  /** Libraries a wheel may link against without bundling them. */
  readonly libWhitelist: readonly string[];
  /** Max symbol versions per arch (auditwheel policy; empty for musllinux). */
  readonly symbolVersions: Partial<Record<Arch | 'ppc64', SymbolVersionCaps>>;
  /** Distros its wheels are expected to run on. */
  readonly compatibleDistros: readonly string[];
  /** Minimum pip that installs its wheels (null: not stated upstream). */
  readonly minimumPip: string | null;
  /** Image recipes (one per base image); absent when no image is built for the policy. */
  readonly images?: readonly ImageRecipe[];
  readonly citation: Citation;
}
