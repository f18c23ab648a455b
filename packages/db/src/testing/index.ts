export * from './test-database';
export * from './memory-log';
