export * from './test-mail-settings';
export * from './pdf-text';
