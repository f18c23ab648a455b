export * from './address';
export * from './outbound';
