/**
 * The end-to-end fleet: real images built on this machine with the same constructs as the
 * published fleet. Debian bases (made with debootstrap, imported into the local engine) and one
 * CPython each, 3.11.2 from the sha256-pinned tarball the Debian archive serves (python.org is
 * out of reach here; the pinned tools need Python >= 3.10, so Debian 11's 3.9 won't do). Native dependencies come from the distro: their upstream hosts are out of reach.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, ImageFleet } from '../constructs';
import type { ImageFleetProps, ManylinuxImage } from '../constructs';
import { DEBIAN_11, DEBIAN_11_GCC, DEBIAN_12, DEBIAN_12_GCC, cpythonInterpreter, manylinux_2_31, manylinux_2_36 } from '../policies';
import type { Interpreter } from '../policies';

/** Local names of the debootstrap-made bases (see e2e/setup.sh). */
export const E2E_BASES = { bookworm: 'fleet-e2e/debian:bookworm', bullseye: 'fleet-e2e/debian:bullseye' };

/** CPython 3.11.2 as Debian 12 ships its upstream tarball; sha256 from bookworm's main Sources index. */
export const CPYTHON_3_11_DEBIAN: Interpreter = cpythonInterpreter('3.11.2', {
  url: 'http://deb.debian.org/debian/pool/main/p/python3.11/python3.11_3.11.2.orig.tar.gz',
  sha256: '2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849',
  citation: 'Debian bookworm main/source/Sources (python3.11 Checksums-Sha256); shared/reference/machine-notes.md',
});

/** SQLite and git from the distro instead of source builds (their upstream hosts are out of reach here). */
const DISTRO_SQLITE = ['libsqlite3-dev', 'git'];

/** What a test may vary between deploys. */
export interface E2eFleetOptions {
  /** Extra packages of the manylinux_2_36 image (the "change one input" step). */
  readonly extraPackages?: readonly string[];
  /** Leave the manylinux_2_31 image out (the "remove an image" step). */
  readonly withoutBullseye?: boolean;
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

export function defineE2eFleet(app: App, options: E2eFleetOptions = {}, props: ImageFleetProps = {}): ManylinuxImage[] {
  const fleet = new ImageFleet(app, 'e2e', props);
  const buildCaCertificates = localCaCertificates();
  const images = [fleet.addImage({
    policy: manylinux_2_36, arch: 'x86_64',
    baseImage: { ...DEBIAN_12, references: { x86_64: E2E_BASES.bookworm } }, toolchain: DEBIAN_12_GCC,
    interpreters: [CPYTHON_3_11_DEBIAN], nativeBuilds: [], buildCaCertificates,
    extraPackages: [...DISTRO_SQLITE, ...(options.extraPackages ?? [])],
  })];
  if (!options.withoutBullseye) {
    images.push(fleet.addImage({
      policy: manylinux_2_31, arch: 'x86_64',
      baseImage: { ...DEBIAN_11, references: { x86_64: E2E_BASES.bullseye } }, toolchain: DEBIAN_11_GCC,
      interpreters: [CPYTHON_3_11_DEBIAN], nativeBuilds: [], buildCaCertificates, extraPackages: DISTRO_SQLITE,
    }));
  }
  return images;
}
