import { renderImageData } from '../../constructs';
import { resolveImageSpec } from '../../constructs/private/image-spec';
import type { ImageOptions, ImageSpec } from '../../constructs/private/image-spec';

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

/** Lines of a data file. */
export const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');
