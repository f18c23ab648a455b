export * from './casework';
export * from './mail/mail-settings';
export * from './mail/notice-mailer';
export * from './mail/load-mail-settings';
export * from './mail/answer-mailer';
export * from './config/service-config';
export * from './intake/inbound-store';
export * from './boot/boot-service';
