export * from './data-folder-lock';
export * from './database';
export * from './loggable-error';
export * from './open-database';
export * as schema from './schema';
export * from './schema';
export * from './repositories';
export * from './storable-text';
export * from './operations';
