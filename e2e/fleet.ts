/**
 * The end-to-end fleet: real images built on this machine with the same constructs as the
 * published fleet. Debian bases (made with debootstrap, pushed to the suite's registry, so an
 * emptied engine pulls them as a CI runner pulls its bases) and
 * CPythons from the sha256-pinned tarballs the Debian archive serves (python.org is out of reach
 * here). The manylinux_2_31 image builds every native source (e2e/sources.ts: the Debian pool's
 * tarballs) and a shared CPython; the manylinux_2_36 one uses distro libraries.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, ImageFleet, lockedBaseDigest, readBaseLock } from '../constructs';
import type { ImageFleetProps, ImageOptions, ManylinuxImage } from '../constructs';
import { DEBIAN_11, DEBIAN_11_GCC, DEBIAN_12, DEBIAN_12_GCC, cpythonInterpreter, manylinux_2_31, manylinux_2_36 } from '../policies';
import type { Interpreter } from '../policies';
import { AUTOCONF_DEBIAN, AUTOMAKE_DEBIAN, E2E_NATIVE_BUILDS, E2E_SOURCE_MIRRORS, LIBTOOL_DEBIAN } from './sources';

/** The registry the e2e suite runs (e2e/setup.sh); FLEET_REGISTRY when the suite synthesizes. */
const E2E_REGISTRY = '127.0.0.1:5000';

/** The debootstrap-made bases as the suite's registry serves them (e2e/setup.sh makes and pushes them). */
export function e2eBases(registry: string = E2E_REGISTRY): { bookworm: string; bullseye: string } {
  return { bookworm: `${registry}/fleet-e2e/debian:bookworm`, bullseye: `${registry}/fleet-e2e/debian:bullseye` };
}

/** CPython 3.11.2 as Debian 12 ships its upstream tarball; sha256 from bookworm's main Sources index. */
export const CPYTHON_3_11_DEBIAN: Interpreter = cpythonInterpreter('3.11.2', {
  url: 'http://deb.debian.org/debian/pool/main/p/python3.11/python3.11_3.11.2.orig.tar.gz',
  sha256: '2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849',
  citation: 'Debian bookworm main/source/Sources (python3.11 Checksums-Sha256); shared/reference/machine-notes.md',
});

/** CPython 3.9.2 as Debian 11 ships its upstream tarball (cibuildwheel's utility interpreter is cp39); sha256 from bullseye's main Sources index. */
export const CPYTHON_3_9_DEBIAN: Interpreter = cpythonInterpreter('3.9.2', {
  url: 'http://deb.debian.org/debian/pool/main/p/python3.9/python3.9_3.9.2.orig.tar.xz',
  sha256: '3c2034c54f811448f516668dce09d24008a0716c3a794dd8639b5388cbde247d',
  citation: 'Debian bullseye main/source/Sources (python3.9 Checksums-Sha256, 18889164 bytes), read 2026-11-21',
});

/** CPython 3.13.15 as Debian forky ships its upstream tarball: 3.13+ links the system libmpdec (found through pkg-config). */
export const CPYTHON_3_13_DEBIAN: Interpreter = cpythonInterpreter('3.13.15', {
  url: 'http://deb.debian.org/debian/pool/main/p/python3.13/python3.13_3.13.15.orig.tar.xz',
  sha256: '1e66a7945a48390ee4c2a4268a0e4185884059a13c4aab6d148aa208deea4a76',
  citation: 'Debian forky main/source/Sources (python3.13 3.13.15-1 Checksums-Sha256), read 2026-11-21',
});

/** The manylinux_2_36 image's tools run on 3.11: the Debian pool serves no 3.12 tarball (the published default is 3.12). */
const E2E_TOOLS_PYTHON = '3.11';

/**
 * The manylinux_2_36 image takes SQLite and git from the distro and builds only the GNU build
 * tools (images install no distro libtool); the manylinux_2_31 image builds every native source.
 */
const DISTRO_PACKAGES = ['libsqlite3-dev', 'git'];
const GNU_BUILD_TOOLS = [AUTOCONF_DEBIAN, AUTOMAKE_DEBIAN, LIBTOOL_DEBIAN];

/** What a test may vary between deploys. */
export interface E2eFleetOptions {
  /** Extra packages of the manylinux_2_36 image (the "change one input" step). */
  readonly extraPackages?: readonly string[];
  /** Leave the manylinux_2_31_x86_64 image out (the "remove an image" step). */
  readonly withoutBullseye?: boolean;
  /** CPython 3.9 of the manylinux_2_36 image swapped for 3.13 (the "change one CPython" step). */
  readonly swapCpython?: boolean;
  /** The registry serving the bases. */
  readonly registry?: string;
  /** A base lock (`fleet update bases --lock`) pinning the bases' digests. */
  readonly baseLock?: string;
}

/** CA certificates this machine trusts beyond the distro's (a TLS-intercepting proxy), if any. */
function localCaCertificates(): string | undefined {
  const dir = '/usr/local/share/ca-certificates';
  if (!fs.existsSync(dir)) {
    return undefined;
  }
  const pem = fs.readdirSync(dir).filter((f) => f.endsWith('.crt')).sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
  return pem.includes('BEGIN CERTIFICATE') ? pem : undefined;
}

/** The images of the e2e fleet, as addImage takes them. */
export function e2eImageOptions(options: E2eFleetOptions = {}): ImageOptions[] {
  const buildCaCertificates = localCaCertificates();
  const bases = e2eBases(options.registry);
  const lock = options.baseLock ? readBaseLock(options.baseLock) : undefined;
  const baseDigest = (reference: string, arch = 'x86_64') => (lock ? lockedBaseDigest(lock, reference, arch) ?? undefined : undefined);
  const interpreters = [options.swapCpython ? CPYTHON_3_13_DEBIAN : CPYTHON_3_9_DEBIAN, CPYTHON_3_11_DEBIAN];
  const armhf = e2eForeignBases(options.registry).bullseyeArmhf;
  const images: ImageOptions[] = [{
    policy: manylinux_2_36, arch: 'x86_64',
    baseImage: { ...DEBIAN_12, references: { x86_64: bases.bookworm } }, baseDigest: baseDigest(bases.bookworm), toolchain: DEBIAN_12_GCC,
    interpreters, toolsPython: E2E_TOOLS_PYTHON, nativeBuilds: GNU_BUILD_TOOLS, buildCaCertificates,
    extraPackages: [...DISTRO_PACKAGES, ...(options.extraPackages ?? [])],
  }];
  if (!options.withoutBullseye) {
    images.push({
      policy: manylinux_2_31, arch: 'x86_64',
      baseImage: { ...DEBIAN_11, references: { x86_64: bases.bullseye } }, baseDigest: baseDigest(bases.bullseye), toolchain: DEBIAN_11_GCC,
      // 3.13 instead of 3.11: its decimal module links the mpdecimal built here; the tools run on
      // it, and its --enable-shared twin runs build-shared-cpython.sh.
      interpreters: [CPYTHON_3_9_DEBIAN, CPYTHON_3_13_DEBIAN], toolsPython: '3.13', sharedCpython: ['3.13'], buildCaCertificates,
      nativeBuilds: E2E_NATIVE_BUILDS, sourceMirrors: E2E_SOURCE_MIRRORS,
    });
  }
  images.push(e2eArmv7lImageOptions({
    registry: options.registry, baseDigest: baseDigest(armhf, 'armv7l'), crossHostDigest: baseDigest(bases.bullseye, 'x86_64'),
  }));
  return images;
}

/** The debootstrap-made foreign bases (e2e/setup.sh makes them). */
export function e2eForeignBases(registry: string = E2E_REGISTRY): { bullseyeArmhf: string } {
  return { bullseyeArmhf: `${registry}/fleet-e2e/armhf/debian:bullseye` };
}

/**
 * The manylinux_2_31 armv7l image on a Debian 11 armhf base, built on this x86_64 machine: its
 * own steps run under QEMU, its CPythons cross-compile on the machine (policies/
 * cross-toolchains.ts), unless `crossCompile: false`. Lean, as a foreign image should be: cp39
 * for cibuildwheel, cp311 for the tools, no source builds: libtool, which the published images
 * build from source, comes from the distro here (a build under QEMU would cost minutes of CI;
 * the in-image suite's autotools project needs one). The e2e suite deploys it cross-compiled
 * (the data's choice); `npm run bench:cross` builds it both ways.
 */
export function e2eArmv7lImageOptions(options: {
  readonly registry?: string; readonly crossCompile?: boolean; readonly baseDigest?: string; readonly crossHostDigest?: string;
} = {}): ImageOptions {
  const bases = e2eBases(options.registry);
  return {
    policy: manylinux_2_31, arch: 'armv7l', buildArch: 'x86_64', crossCompile: options.crossCompile,
    baseDigest: options.baseDigest, crossHostDigest: options.crossHostDigest,
    baseImage: { ...DEBIAN_11, references: { x86_64: bases.bullseye, armv7l: e2eForeignBases(options.registry).bullseyeArmhf } },
    toolchain: DEBIAN_11_GCC, interpreters: [CPYTHON_3_9_DEBIAN, CPYTHON_3_11_DEBIAN], toolsPython: E2E_TOOLS_PYTHON,
    nativeBuilds: [], extraPackages: [...DISTRO_PACKAGES, 'libtool'], buildCaCertificates: localCaCertificates(),
  };
}

export function defineE2eFleet(app: App, options: E2eFleetOptions = {}, props: ImageFleetProps = {}): ManylinuxImage[] {
  const fleet = new ImageFleet(app, 'e2e', props);
  return e2eImageOptions(options).map((image) => fleet.addImage(image));
}
