// The public API. cdktf is imported only under constructs/, so a move off cdktf stays mechanical.
export { App, Testing } from 'cdktf';
export * from './config';
export * from './derived-image';
export * from './dockerfile';
export * from './dockerfile-stages';
export * from './actions';
export * from './fleet-manifest';
export * from './fleet-repository';
export * from './fleet-workflows';
export * from './image-data';
export * from './image-fleet';
export * from './manylinux-image';
export * from './workflow-model';
export * from './workflow-yaml';
export { FleetValidationError } from './private/errors';
