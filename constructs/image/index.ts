// The image stack: the constructs, the resolved image spec, and one renderer per output.
export * from './base-lock';
export * from './build-context';
export * from './derived-image';
export * from './dockerfile';
export * from './dockerfile-stages';
export * from './image-data';
export * from './image-spec';
export * from './install-plan';
export * from './layout';
export * from './locks';
export * from './manylinux-image';
export * from './markers';
export * from './pep440';
export * from './sbom';
export type { ImageTarget } from './private/image-stack';
