// The public API. cdktf is imported only under constructs/, so a move off cdktf stays mechanical.
export { App, Testing } from 'cdktf';
export * from './config';
export * from './dockerfile';
export * from './fleet-manifest';
export * from './image-data';
export * from './image-fleet';
export * from './manylinux-image';
export { FleetValidationError } from './private/errors';
