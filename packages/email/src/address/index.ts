export * from './reply-address';
export * from './threading';
export * from './mailbox-router';
export * from './confirmation-address';
