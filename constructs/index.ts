// The public API. cdktf is imported only under constructs/, so a move off cdktf stays mechanical.
export { App, Testing } from 'cdktf';
export * from './fleet';
export * from './github';
export * from './image';
export { FleetValidationError } from './private/errors';
export { contentTag, splitTag } from './private/naming';
