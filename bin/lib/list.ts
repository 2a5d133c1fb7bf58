import type { FleetManifest, ManifestImage } from '../../constructs';
import { buildsFromFleetImage } from './bases/command';
import { markdownTable } from './table';

/** One line of `fleet list`. */
export interface ListRow {
  readonly id: string;
  readonly base: string;
  readonly toolchain: string;
  readonly interpreters: string;
  readonly runner: string;
}

export function listRows(manifest: FleetManifest): ListRow[] {
  return manifest.images.map((image: ManifestImage) => {
    const pin = image.base.digest ? `@${image.base.digest}` : buildsFromFleetImage(manifest, image) ? '' : ' (unpinned)';
    const installed = image.interpreters.filter((i) => i.installed).length;
    return {
      id: image.id,
      base: `${image.base.image}${pin} (${image.base.distro} ${image.base.version}, ${image.base.libc} ${image.base.libcVersion})`,
      toolchain: `${image.toolchain.name} (GCC ${image.toolchain.gcc})`,
      interpreters: `${installed} installed / ${image.interpreters.length} listed`,
      runner: `${image.runner}${image.emulated ? ' + QEMU' : ''}`,
    };
  });
}

/** `fleet list` as a table. */
export function renderList(manifest: FleetManifest): string {
  const rows = listRows(manifest);
  const unpinned = manifest.images.filter((image) => (image.base.digest === null || image.crossHost?.digest === null)
    && !buildsFromFleetImage(manifest, image)).length;
  return `${markdownTable(['id', 'base', 'toolchain', 'interpreters', 'runner'], rows.map((r) => [r.id, r.base, r.toolchain, r.interpreters, r.runner]))}\n`
    + `${rows.length} images, registry ${manifest.registry}\n`
    + (unpinned > 0 ? `${unpinned} build FROM an unpinned base tag: npm run fleet -- update bases pins them in locks/bases.json\n` : '');
}
