/**
 * The compiler toolchains an image builds with: the image's own (the distro compiler or a
 * devtoolset/gcc-toolset) and the cross toolchains that compile its CPythons on the build machine.
 */
import type { Arch, Citation } from './types';

/** A compiler toolchain: the distro compiler or a devtoolset/gcc-toolset. */
export interface Toolchain {
  /** Stable key, e.g. `gcc-toolset-14`. */
  readonly name: string;
  /** GCC version as the distro names it (`14`, `4.8`). */
  readonly gcc: string;
  /** DEVTOOLSET_ROOTPATH; empty for the distro compiler. */
  readonly rootPath: string;
  /** Packages that install it. */
  readonly packages: readonly string[];
  /** Base image keys the toolchain can be installed on. */
  readonly availableOn: readonly string[];
  /** Library directories (relative to rootPath, or absolute) for LD_LIBRARY_PATH. */
  readonly libDirs: readonly string[];
  /** Library directories for 32-bit (i686) images, when they differ. */
  readonly libDirs32?: readonly string[];
  /**
   * Its `libstdc++.so` is a linker script that must name the system `libstdc++.so.6` again after
   * `libstdc++_nonshared.a` (pypa/manylinux#1760); finalize.sh patches it.
   *
   * @default false
   */
  readonly libstdcxxScriptFix?: boolean;
  readonly citation: Citation;
}

/** What a cross toolchain needs to target one architecture. */
export interface CrossTarget {
  /** The compiler's target triple (`arm-linux-gnueabihf`, `powerpc64le-unknown-linux-gnu`). */
  readonly triple: string;
  /** Extra build-machine packages for this target (Debian: `gcc-<triple>`). */
  readonly packages: readonly string[];
  /**
   * The target root's library folder (relative) where `-dev` packages put `.so` links and
   * `.pc` files: the cross build's pkg-config path and libffi's include folder derive from it.
   */
  readonly libDir: string;
}

/**
 * A cross toolchain: runs on the build machine, compiles for a target architecture, and takes
 * headers, crt files, libgcc and libraries from the target image's own build root (its sysroot).
 */
export interface CrossToolchain {
  /** Stable key, e.g. `debian-gcc-cross`. */
  readonly name: string;
  /**
   * `gcc`: the distro's `<triple>-gcc` installed on the build machine (`--sysroot`);
   * `clang`: one clang for every target (`--target`, `--sysroot`, `--gcc-toolchain` in the sysroot).
   */
  readonly kind: 'gcc' | 'clang';
  /** Base image keys whose images it compiles for; the same release on the build machine's arch hosts it. */
  readonly availableOn: readonly string[];
  /** Build-machine packages every target needs (a native compiler for the build's own Python, make, curl, xz, file). */
  readonly hostPackages: readonly string[];
  /**
   * An image holding a static clang under `/opt/clang`, copied into the cross host (clang only).
   *
   * @default - none: the compiler comes from `hostPackages` and the target's `packages`
   */
  readonly compilerImage?: string;
  readonly targets: Partial<Record<Arch, CrossTarget>>;
  /**
   * Images of an emulated arch use it unless they opt out (`crossCompile: false`). Off where no
   * image of this kind was ever built with it: then an image opts in.
   */
  readonly defaultOn: boolean;
  readonly citation: Citation;
}
