import { ALL_ARCHES, ALL_POLICIES } from '../../../policies';
import { checkShape, fail, showShort } from '../../private/errors';
import { imageIdOf } from '../../private/naming';

/**
 * Type checks for plain-JavaScript callers of addImage/addPolicy: a missing or mistyped prop
 * gets the same kind of message as any other bad input, never a TypeError further down.
 */
export function checkImageOptionShapes(options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    fail('addImage', {
      what: `options must be a record, got ${showShort(options)}`,
      fix: "call fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' })",
    });
  }
  const o = options as Record<string, unknown>;
  const policy = o.policy as { publishedName?: unknown; libc?: unknown; symbolVersions?: unknown } | undefined;
  const arch = typeof o.arch === 'string' ? o.arch : '<arch>';
  const isPolicy = typeof policy === 'object' && policy !== null && typeof policy.publishedName === 'string'
    && typeof policy.libc === 'object' && typeof policy.symbolVersions === 'object';
  if (!isPolicy) {
    fail(`addImage(arch ${arch})`, {
      what: `policy must be a policy record from policies/, got ${o.policy === undefined ? 'nothing' : showShort(o.policy)}`,
      allowed: ALL_POLICIES.map((p) => p.publishedName),
      fix: "import the record and pass it: const { manylinux_2_28 } = require('./policies'); fleet.addImage({ policy: manylinux_2_28, arch: 'x86_64' })",
    });
  }
  const id = imageIdOf(policy.publishedName as string, arch);
  if (typeof o.arch !== 'string') {
    fail(id, {
      what: `arch must be a string, got ${o.arch === undefined ? 'nothing' : showShort(o.arch)}`,
      allowed: ALL_ARCHES,
      fix: "pass the wheel-tag spelling, e.g. arch: 'x86_64'",
    });
  }
  if (typeof o.baseImage === 'string') {
    fail(id, {
      what: `baseImage must be a base image record from policies/base-images.ts, got the reference ${showShort(o.baseImage)}`,
      fix: `pass a record, or spread one with your reference: baseImage: { ...DEBIAN_12, references: { ${arch}: ${showShort(o.baseImage)} } }`,
    });
  }
  const record = (name: string) => `pass a record from policies/ as ${name}`;
  checkShape(id, 'baseImage', o.baseImage, 'record', record('baseImage'));
  checkShape(id, 'toolchain', o.toolchain, 'record', record('toolchain'));
  checkShape(id, 'baseDigest', o.baseDigest, 'string', 'give sha256: followed by 64 lower-case hex digits');
  checkShape(id, 'interpreters', o.interpreters, 'string|record[]', "list catalogue tags or records, e.g. interpreters: ['cp312-cp312']");
  checkShape(id, 'extraPackages', o.extraPackages, 'string[]', "list package names, e.g. extraPackages: ['libxml2-devel']");
  checkShape(id, 'sharedCpython', o.sharedCpython, 'string[]', "list X.Y versions, e.g. sharedCpython: ['3.12']");
  checkShape(id, 'extraTags', o.extraTags, 'string[]', "list tags, e.g. extraTags: ['stable']");
  checkShape(id, 'nativeBuilds', o.nativeBuilds, 'record[]', 'list records from policies/native-sources.ts');
  checkShape(id, 'sourceMirrors', o.sourceMirrors, 'string-map', "map a source name to a URL, e.g. { zstd: 'https://mirror.example/zstd-1.5.7.tar.gz' }");
  checkShape(id, 'buildCaCertificates', o.buildCaCertificates, 'string', 'pass the PEM text of the certificates');
  checkShape(id, 'toolsPython', o.toolsPython, 'string', "give an X.Y version, e.g. toolsPython: '3.12'");
  checkShape(id, 'allowEndOfLife', o.allowEndOfLife, 'boolean', 'pass allowEndOfLife: true or leave it out');
  checkShape(id, 'buildArch', o.buildArch, 'string', "name the build machine's arch, e.g. buildArch: 'x86_64'");
  checkShape(id, 'crossCompile', o.crossCompile, 'boolean', 'pass crossCompile: true or false, or leave it out');
  checkShape(id, 'crossHostDigest', o.crossHostDigest, 'string', 'give sha256: followed by 64 lower-case hex digits');
}
