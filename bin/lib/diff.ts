import type { FleetManifest, ManifestImage } from '../../constructs';
import { markdownTable } from './table';

/** One changed field of an image: `interpreter cp312-cp312`, `3.12.12` → `3.12.13`. */
export interface FieldChange {
  readonly field: string;
  readonly old: string | null;
  readonly new: string | null;
}

export interface FleetDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly { readonly id: string; readonly changes: readonly FieldChange[] }[];
  readonly unchanged: number;
}

/** An image's components as its SBOM lists them: name → its versions, comma-separated (the image and its base aside). */
export type Components = ReadonlyMap<string, string>;

/** The components of an SPDX document synth wrote (sbom.ts): every package but the image and its base; a package locked at two versions (one per Python) keeps both. */
export function sbomComponents(document: { packages?: readonly { SPDXID: string; name: string; versionInfo: string }[] }): Components {
  const versions = new Map<string, string[]>();
  for (const p of (document.packages ?? []).filter((pkg) => !['SPDXRef-Image', 'SPDXRef-Base'].includes(pkg.SPDXID))) {
    versions.set(p.name, [...versions.get(p.name) ?? [], p.versionInfo]);
  }
  return new Map([...versions].map(([name, list]) => [name, [...new Set(list)].sort().join(', ')]));
}

/**
 * Compares two manifests image by image; with the images' SBOM components (by image id) on
 * both sides, a changed image also lists each component added, removed or moved.
 */
export function diffManifests(base: FleetManifest, head: FleetManifest, components?: { base: ReadonlyMap<string, Components>; head: ReadonlyMap<string, Components> }): FleetDiff {
  const before = new Map(base.images.map((image) => [image.id, image]));
  const after = new Map(head.images.map((image) => [image.id, image]));
  const added = [...after.keys()].filter((id) => !before.has(id)).sort();
  const removed = [...before.keys()].filter((id) => !after.has(id)).sort();
  const changed: { id: string; changes: FieldChange[] }[] = [];
  let unchanged = 0;
  for (const id of [...after.keys()].filter((key) => before.has(key)).sort()) {
    const changes = imageChanges(before.get(id)!, after.get(id)!);
    const [a, b] = [components?.base.get(id), components?.head.get(id)];
    if (changes.length > 0 && a && b) {
      changes.push(...componentChanges(a, b));
    }
    if (changes.length > 0) {
      changed.push({ id, changes });
    } else {
      unchanged++;
    }
  }
  return { added, removed, changed, unchanged };
}

function imageChanges(a: ManifestImage, b: ManifestImage): FieldChange[] {
  const changes: FieldChange[] = [];
  const compare = (field: string, x: string | null, y: string | null) => {
    if (x !== y) {
      changes.push({ field, old: x, new: y });
    }
  };
  compare('base', describeBase(a), describeBase(b));
  compare('base digest', a.base.digest, b.base.digest);
  compare('cross host', a.crossHost?.image ?? null, b.crossHost?.image ?? null);
  compare('cross host digest', a.crossHost?.digest ?? null, b.crossHost?.digest ?? null);
  compare('toolchain', `${a.toolchain.name} (GCC ${a.toolchain.gcc})`, `${b.toolchain.name} (GCC ${b.toolchain.gcc})`);
  compare('platform', a.platform, b.platform);
  compare('runner', a.runner, b.runner);
  const interpreter = (i: ManifestImage['interpreters'][number]) => `${i.version}${i.installed ? '' : ' (on demand)'}`;
  for (const [tag, x, y] of pairs(a.interpreters, b.interpreters, (i) => i.tag)) {
    compare(`interpreter ${tag}`, x ? interpreter(x) : null, y ? interpreter(y) : null);
  }
  for (const [name, x, y] of pairs(a.tools, b.tools, (t) => t.name)) {
    compare(`tool ${name}`, x?.version ?? null, y?.version ?? null);
  }
  compare('spec hash', a.specHash.slice(0, 12), b.specHash.slice(0, 12));
  if (a.specHash !== b.specHash) {
    compare('stages rebuilt', null, stagesRebuilt(a, b));
  }
  return changes;
}

/** `component <name>` rows: a component added, removed or at another version. */
function componentChanges(a: Components, b: Components): FieldChange[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort()
    .filter((name) => a.get(name) !== b.get(name))
    .map((name) => ({ field: `component ${name}`, old: a.get(name) ?? null, new: b.get(name) ?? null }));
}

/** The stages whose inputs changed (their cache images are new): all a fresh runner compiles. */
function stagesRebuilt(a: ManifestImage, b: ManifestImage): string {
  const before = new Map((a.cacheImages ?? []).map((cache) => [cache.stage, cache.inputsHash]));
  const rebuilt = (b.cacheImages ?? []).filter((cache) => before.get(cache.stage) !== cache.inputsHash).map((cache) => cache.stage);
  return rebuilt.length === 0 ? 'the final stage only' : `${rebuilt.length} of ${b.cacheImages.length}: ${rebuilt.join(', ')}`;
}

function describeBase(image: ManifestImage): string {
  return `${image.base.image} (${image.base.distro} ${image.base.version}, ${image.base.libc} ${image.base.libcVersion})`;
}

function pairs<T>(a: readonly T[], b: readonly T[], key: (item: T) => string): [string, T | undefined, T | undefined][] {
  const left = new Map(a.map((item) => [key(item), item]));
  const right = new Map(b.map((item) => [key(item), item]));
  return [...new Set([...left.keys(), ...right.keys()])].map((k) => [k, left.get(k), right.get(k)]);
}

/** The summary line. */
export function summarize(diff: FleetDiff): string {
  return `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged`;
}

/** `fleet diff --format markdown`: for the pull-request job summary. */
export function renderDiffMarkdown(diff: FleetDiff): string {
  const lines = ['## Fleet diff', '', `**${summarize(diff)}**`, ''];
  if (diff.added.length > 0) {
    lines.push('### Added', '', ...diff.added.map((id) => `- \`${id}\``), '');
  }
  if (diff.removed.length > 0) {
    lines.push('### Removed (published tags stay in the registry)', '', ...diff.removed.map((id) => `- \`${id}\``), '');
  }
  for (const { id, changes } of diff.changed) {
    lines.push(`### Changed: \`${id}\``, '', markdownTable(['field', 'old', 'new'], changes.map((c) => [c.field, c.old ?? '—', c.new ?? '—'])), '');
  }
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) {
    lines.push('No image changes.', '');
  }
  return lines.join('\n');
}

/** `fleet diff --format json`. */
export function renderDiffJson(diff: FleetDiff): string {
  return `${JSON.stringify({ summary: summarize(diff), ...diff }, null, 2)}\n`;
}
