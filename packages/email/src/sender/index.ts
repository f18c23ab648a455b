export * from './sender-verdict';
export * from './parse-authentication-results';
