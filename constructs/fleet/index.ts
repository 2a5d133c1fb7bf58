// The fleet: ImageFleet, its configuration, the typed fleet model and fleet.json.
export * from './config';
export * from './fleet-manifest';
export * from './fleet-model';
export * from './image-fleet';
