/**
 * The SBOM an e2e image carries: found through the image's label, copied out of a container
 * made from the image, and split into what synth wrote and what the build added.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LAYOUT, SBOM_DISTRO_PREFIX, SBOM_LABEL, sbomBuildArgs } from '../../constructs';
import { run } from './harness';
import type { E2eEnvironment } from './harness';

/** What an image carries: the label's path, the copied file, and the document in two parts. */
export interface ImageSbom {
  readonly label: string;
  readonly file: string;
  readonly document: any;
  /** The document less what the build adds or sets (distro packages, namespace, version, date): synth's document less the same. */
  readonly fromSynth: any;
  /** The distro packages the build added (`name version`). */
  readonly distro: string[];
}

const isDistro = (id: string) => id.startsWith(SBOM_DISTRO_PREFIX);

export function imageSbom(env: E2eEnvironment, reference: string, dir: string): ImageSbom {
  const label = run('read the SBOM label', env.docker, ['image', 'inspect', '--format', `{{index .Config.Labels "${SBOM_LABEL}"}}`, reference]).stdout.trim();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'sbom.spdx.json');
  const container = run('create a container', env.docker, ['create', reference]).stdout.trim();
  try {
    run('copy the SBOM out', env.docker, ['cp', `${container}:${label}`, file]);
  } finally {
    run('remove the container', env.docker, ['rm', container]);
  }
  const document = JSON.parse(fs.readFileSync(file, 'utf8'));
  const fromSynth = {
    ...document,
    documentNamespace: undefined,
    creationInfo: undefined,
    packages: document.packages.filter((p: any) => !isDistro(p.SPDXID)).map((p: any) => (p.SPDXID === 'SPDXRef-Image' ? { ...p, versionInfo: undefined } : p)),
    relationships: document.relationships.filter((r: any) => !isDistro(r.relatedSpdxElement)),
  };
  const distro = document.packages.filter((p: any) => isDistro(p.SPDXID)).map((p: any) => `${p.name} ${p.versionInfo}`);
  return { label, file, document, fromSynth, distro };
}

/**
 * Checks the SBOM image `id` (`reference`) carries: where its label says, valid SPDX (spdx-tools),
 * synth's document (in `synthOut`/sbom) unchanged but for what only the build knows (name,
 * namespace, version, date), and every distro package installed: as many as the in-image suite
 * counted (`inImageOutput`), libc6 at the version the package manager reports.
 */
export function expectImageSbom(env: E2eEnvironment, id: string, reference: string, specHash: string, synthOut: string, inImageOutput: string): { distro: number; total: number } {
  const sbom = imageSbom(env, reference, path.join(synthOut, 'image-sbom', id));
  expect(sbom.label).toBe(LAYOUT.SBOM);
  const validated = run(`validate the in-image SBOM of ${id}`, env.pyspdxtools, ['-i', sbom.file], { allowed: [0, 1] });
  expect([id, validated.status, validated.stderr.trim()]).toEqual([id, 0, '']);
  const synthDoc = JSON.parse(fs.readFileSync(path.join(synthOut, 'sbom', `${id}.spdx.json`), 'utf8'));
  expect(sbom.fromSynth).toEqual({
    ...synthDoc, documentNamespace: undefined, creationInfo: undefined,
    packages: synthDoc.packages.map((p: any) => (p.SPDXID === 'SPDXRef-Image' ? { ...p, versionInfo: undefined } : p)),
  });
  const args = sbomBuildArgs(id, specHash);
  expect([sbom.document.name, sbom.document.documentNamespace, sbom.document.packages[0].versionInfo])
    .toEqual([id, args.FLEET_SBOM_NAMESPACE, reference.split(':').pop()]);
  const counted = inImageOutput.match(/PASS: the SBOM \(.*\) lists every distro package installed, and only those\n {4}(\d+) distro packages/);
  expect([id, Number(counted?.[1])]).toEqual([id, sbom.distro.length]);
  expect(sbom.distro.length).toBeGreaterThan(100);
  const libc = run('libc6 version', env.docker, ['run', '--rm', reference, 'sh', '-c', 'dpkg-query -W -f \'${Version}\' "libc6:$(dpkg --print-architecture)"']).stdout;
  expect(sbom.distro).toContain(`libc6 ${libc}`);
  return { distro: sbom.distro.length, total: sbom.document.packages.length };
}
