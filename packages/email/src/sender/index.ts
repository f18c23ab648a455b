export * from './sender-verdict';
export * from './parse-authentication-results';
export * from './domain-alignment';
export * from './one-author';
