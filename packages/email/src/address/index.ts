export * from './reply-address';
export * from './threading';
