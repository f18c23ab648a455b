export * from './address';
export * from './outbound';
export * from './sender';
export * from './inbound';
