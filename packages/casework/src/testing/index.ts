export * from './test-mail-settings';
export * from './pdf-text';
export * from './prometheus-text';
export * from './nel-case';
