// The GitHub repository that builds the fleet: the stack, the workflows and their typed model.
export * from './actions';
export * from './fleet-repository';
export * from './fleet-workflows';
export * from './manifest-command';
export * from './update-workflow';
export * from './workflow-model';
export * from './workflow-yaml';
