export * from './migration-status';
export * from './operations.repository';
