export * from './log-events';
export * from './log-fields';
export * from './log-settings';
export * from './logger';
