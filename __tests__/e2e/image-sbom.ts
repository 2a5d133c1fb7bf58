/**
 * The SBOM an e2e image carries: found through the image's label, copied out of a container
 * made from the image, and split into what synth wrote and what the build added.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SBOM_DISTRO_PREFIX, SBOM_LABEL } from '../../constructs';
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
