/**
 * The SBOM of an image, SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/), from data only:
 * the base image (reference and pinned digest), every source the image compiles (native
 * libraries and CPythons: version, URL, sha256), every interpreter it installs from a binary,
 * and every Python package its lock files install for its installed interpreters (version and
 * each wheel's sha256; a package whose marker excludes them all is left out). Synth
 * writes it beside fleet.json (`sbom/<image id>.spdx.json`).
 *
 * The same document, less what only the spec hash and the date decide, is the image's
 * `sbom.template.json`: the build fills those in from build arguments (sbomBuildArgs), adds the
 * distro packages installed (write-sbom.py) and writes it to LAYOUT.SBOM, which the image's
 * label `io.github.manylinux-fleet.sbom` names.
 */
import { contentTag, splitTag } from '../private/naming';
import type { ImageSpec } from './image-spec';
import { LOCKS_DIR, PYTHON_LOCKS_DIR, imageLockRequests, lockedPackages, readImageLocks } from './locks';
import type { LockRequest, LockedPackage } from './locks';
import { evaluateMarker, markerEnvironment, markerEnvironments, parseMarker } from './markers';
import type { MarkerEnvironment } from './markers';

/** What the synth-time document is made from besides the spec. */
export interface SbomInput {
  readonly spec: ImageSpec;
  /** The image's spec hash (its content tag names the first 12 hex). */
  readonly specHash: string;
  /** `created` of the document (ISO 8601, seconds, `Z`). */
  readonly created: string;
}

/** The build folder's template of the in-image document (renderSbomTemplate). */
export const SBOM_TEMPLATE = 'sbom.template.json';

/** What the template holds where the build writes a value of its own (write-sbom.py). */
const SET_AT_BUILD = 'SET-AT-BUILD';

/** The document's namespace: unique per image and spec hash. */
const documentNamespace = (imageId: string, specHash: string) => `https://manylinux-fleet.invalid/spdx/${imageId}/${specHash}`;

/**
 * The build arguments the final stage reads to complete the in-image document: its namespace
 * (the synth document's, `/image` appended: the two documents differ by the distro packages)
 * and the image package's version (the content tag). The spec hash is not known inside the
 * context it is the hash of, so these come as arguments.
 */
export function sbomBuildArgs(imageId: string, specHash: string): Record<string, string> {
  return {
    [SBOM_ARGS.name]: imageId,
    [SBOM_ARGS.namespace]: `${documentNamespace(imageId, specHash)}/image`,
    [SBOM_ARGS.version]: contentTag(specHash),
  };
}

/**
 * The names of those build arguments (the final stage and a derived image's stage declare
 * them: dockerfile-stages.ts). The name is the template's own in a fleet image; a derived
 * image, which completes its parent's template again, gives its own.
 */
export const SBOM_ARGS = { name: 'FLEET_SBOM_NAME', namespace: 'FLEET_SBOM_NAMESPACE', version: 'FLEET_SBOM_VERSION' } as const;

/** The label that names the in-image document's path (LAYOUT.SBOM). */
export const SBOM_LABEL = 'io.github.manylinux-fleet.sbom';

/** The SPDX id prefix of the distro packages the build adds (write-sbom.py reads it from image.env). */
export const SBOM_DISTRO_PREFIX = 'SPDXRef-Distro-';

interface Checksum { readonly algorithm: 'SHA256'; readonly checksumValue: string }

interface SpdxPackage {
  readonly SPDXID: string;
  readonly name: string;
  readonly versionInfo: string;
  readonly downloadLocation: string;
  readonly filesAnalyzed: false;
  readonly primaryPackagePurpose: 'CONTAINER' | 'SOURCE' | 'LIBRARY' | 'APPLICATION';
  readonly checksums?: readonly Checksum[];
  readonly externalRefs?: readonly { readonly referenceCategory: 'PACKAGE-MANAGER'; readonly referenceType: 'purl'; readonly referenceLocator: string }[];
  readonly comment?: string;
}

/** SPDX ids allow letters, digits, `.` and `-`. */
const spdxId = (...parts: string[]) => `SPDXRef-${parts.join('-').replace(/[^A-Za-z0-9.-]/g, '-')}`;
const sha256 = (hex: string): Checksum => ({ algorithm: 'SHA256', checksumValue: hex });

/** The base image as a package: its reference, the tag as version, the pinned digest as checksum and purl. */
function basePackage(spec: ImageSpec): SpdxPackage {
  const reference = spec.baseReference;
  const { name, tag } = splitTag(reference);
  const digest = spec.baseDigest;
  const purl = `pkg:oci/${name.slice(name.lastIndexOf('/') + 1)}${digest ? `@${encodeURIComponent(digest)}` : ''}?repository_url=${encodeURIComponent(name)}&tag=${encodeURIComponent(tag)}`;
  return {
    SPDXID: spdxId('Base'), name: reference, versionInfo: tag, downloadLocation: 'NOASSERTION', filesAnalyzed: false,
    primaryPackagePurpose: 'CONTAINER',
    ...(digest ? { checksums: [sha256(digest.slice('sha256:'.length))] } : { comment: 'not pinned: locks/bases.json has no digest for this reference and arch' }),
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl }],
  };
}

/**
 * The packages of the image's lock files that its installed interpreters install: a package
 * whose marker holds for none of them (`tomli ; python_version < "3.11"` in a tools lock for
 * 3.12) is not in the image. A lock of interpreters installed on demand only installs nothing.
 */
function installedPackages(spec: ImageSpec): LockedPackage[] {
  const files = new Map(readImageLocks(spec).map((file) => [file.path, String(file.content)]));
  return imageLockRequests(spec).flatMap((request) => {
    const environments = installers(spec, request);
    return lockedPackages(files.get(`${LOCKS_DIR}/${request.file}`)!).filter((pkg) => {
      const marker = pkg.marker ? parseMarker(pkg.marker) : undefined;
      return environments.some((env) => !marker || evaluateMarker(marker, env));
    });
  });
}

/**
 * The marker environments of the installed interpreters that install from a lock: every one of
 * its Python minor for a packaging lock, the tools' CPython for a tool lock. CPython at its own
 * version; PyPy and GraalPy, whose data holds no language patch version, at the first and a
 * late patch of the minor (as the lock command resolves them).
 */
function installers(spec: ImageSpec, request: LockRequest): MarkerEnvironment[] {
  const packaging = request.file.startsWith(`${PYTHON_LOCKS_DIR}/`);
  return spec.interpreters
    .filter(({ installed, interpreter }) => installed && interpreter.pythonVersion === request.python
      && (packaging || (interpreter.implementation === 'cpython' && !interpreter.freeThreaded)))
    .flatMap(({ interpreter }) => {
      // The request's environment of this implementation: it names the image's platform.
      const env = request.environments.find((e) => e.implementation === interpreter.implementation)!;
      return interpreter.implementation === 'cpython' ? [markerEnvironment(env, interpreter.version)] : markerEnvironments(env);
    });
}

/** The image's SPDX document (deterministic for the same input). */
export function renderSbom(input: SbomInput): Record<string, unknown> {
  return renderDocument(input.spec, contentTag(input.specHash), documentNamespace(input.spec.id, input.specHash), input.created);
}

/**
 * The in-image document before the build completes it: the synth document with the namespace,
 * the image's version and `created` left for the build (SET-AT-BUILD).
 */
export function renderSbomTemplate(spec: ImageSpec): string {
  return `${JSON.stringify(renderDocument(spec, SET_AT_BUILD, SET_AT_BUILD, SET_AT_BUILD), null, 2)}\n`;
}

function renderDocument(spec: ImageSpec, version: string, namespace: string, created: string): Record<string, unknown> {
  const sources: SpdxPackage[] = [
    ...spec.nativeBuilds.map((native): SpdxPackage => ({
      SPDXID: spdxId('Source', native.name), name: native.name, versionInfo: native.version, downloadLocation: native.url,
      filesAnalyzed: false, primaryPackagePurpose: 'SOURCE', checksums: [sha256(native.sha256)],
    })),
    ...spec.interpreters.filter(({ installed, interpreter }) => installed && interpreter.source).map(({ interpreter }): SpdxPackage => ({
      SPDXID: spdxId('Source', interpreter.tag), name: `${interpreter.implementation} (${interpreter.tag})`, versionInfo: interpreter.version,
      downloadLocation: interpreter.source!.url, filesAnalyzed: false, primaryPackagePurpose: 'SOURCE', checksums: [sha256(interpreter.source!.sha256)],
    })),
  ];
  const binaries: SpdxPackage[] = spec.interpreters
    .filter(({ installed, interpreter }) => installed && !interpreter.source && interpreter.binaries?.[spec.arch])
    .map(({ interpreter }) => {
      const binary = interpreter.binaries![spec.arch]!;
      return {
        SPDXID: spdxId('Interpreter', interpreter.tag), name: `${interpreter.implementation} (${interpreter.tag})`, versionInfo: interpreter.version,
        downloadLocation: binary.url, filesAnalyzed: false, primaryPackagePurpose: 'APPLICATION', checksums: [sha256(binary.sha256)],
      };
    });
  const python = new Map<string, SpdxPackage>();
  for (const pkg of installedPackages(spec)) {
    const id = spdxId('PyPI', pkg.name, pkg.version);
    const known = python.get(id)?.checksums?.map((c) => c.checksumValue) ?? [];
    const hashes = [...new Set([...known, ...pkg.hashes])].sort();
    python.set(id, {
      SPDXID: id, name: pkg.name, versionInfo: pkg.version, downloadLocation: `https://pypi.org/project/${pkg.name}/${pkg.version}/`,
      filesAnalyzed: false, primaryPackagePurpose: 'LIBRARY', checksums: hashes.map(sha256),
      externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: `pkg:pypi/${pkg.name}@${pkg.version}` }],
    });
  }
  const pythonPackages = [...python.values()].sort((a, b) => (a.SPDXID < b.SPDXID ? -1 : 1));
  const image: SpdxPackage = {
    SPDXID: spdxId('Image'), name: spec.id, versionInfo: version, downloadLocation: 'NOASSERTION',
    filesAnalyzed: false, primaryPackagePurpose: 'CONTAINER',
  };
  const base = basePackage(spec);
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: spec.id,
    documentNamespace: namespace,
    creationInfo: { created, creators: ['Tool: manylinux-fleet'] },
    packages: [image, base, ...sources, ...binaries, ...pythonPackages],
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: image.SPDXID },
      { spdxElementId: image.SPDXID, relationshipType: 'DESCENDANT_OF', relatedSpdxElement: base.SPDXID },
      ...sources.map((source) => ({ spdxElementId: image.SPDXID, relationshipType: 'GENERATED_FROM', relatedSpdxElement: source.SPDXID })),
      ...[...binaries, ...pythonPackages].map((pkg) => ({ spdxElementId: image.SPDXID, relationshipType: 'CONTAINS', relatedSpdxElement: pkg.SPDXID })),
    ],
  };
}
