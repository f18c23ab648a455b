export * from './email-templates';
export * from './render-email';
export * from './compose-message';
export * from './mail-transport';
