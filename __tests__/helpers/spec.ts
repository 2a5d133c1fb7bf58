import { renderImageData, resolveImageSpec } from '../../constructs';
import type { ImageOptions, ImageSpec } from '../../constructs';

export const spec = (policy: ImageOptions['policy'], arch: string, extra: Partial<ImageOptions> = {}): ImageSpec =>
  resolveImageSpec({ policy, arch, ...extra });

/** The rendered data files of an image, by path. */
export function dataFiles(s: ImageSpec): Record<string, string> {
  return Object.fromEntries(renderImageData(s).map((file) => [file.path, file.content]));
}

/** `image.env` as an object. */
export function imageEnv(s: ImageSpec): Record<string, string> {
  return Object.fromEntries(dataFiles(s)['image.env'].trimEnd().split('\n').map((line) => {
    const at = line.indexOf('=');
    return [line.slice(0, at), line.slice(at + 1)];
  }));
}

/** Rows of a data table (a .tsv with a header row) as objects keyed by column name. */
export function tableRows(s: ImageSpec, file: string): Record<string, string>[] {
  const [header, ...rows] = lines(dataFiles(s)[file]).map((line) => line.split('\t'));
  return rows.map((row) => Object.fromEntries(header.map((column, i) => [column, row[i]])));
}

/** Lines of a data file. */
export const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');
