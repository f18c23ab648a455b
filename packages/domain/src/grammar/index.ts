/** The email grammar: the escalation form, the blank form, reply commands, addresses. */
export * from './escalation-form.schema';
export * from './reply-command.schema';
export * from './person.schema';
export * from './parse-escalation-form';
export * from './render-blank-form';
export * from './parse-reply-command';
export * from './names-reply-command';
export * from './address-key';
export * from './parse-mailbox-address';
export * from './format-mailbox-address';
