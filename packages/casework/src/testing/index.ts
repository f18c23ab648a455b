export * from './test-mail-settings';
