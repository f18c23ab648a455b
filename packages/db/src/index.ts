export * from './data-folder-lock';
export * from './database';
export * from './open-database';
export * as schema from './schema';
export * from './schema';
export * from './repositories';
