export * from './case-record';
export * from './case.repository';
export * from './event.repository';
export * from './notice.repository';
export * from './case-reference.repository';
