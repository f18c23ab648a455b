export * from './read-policy-library';
export * from './default-policies-dir';
export * from './calendar-files';
