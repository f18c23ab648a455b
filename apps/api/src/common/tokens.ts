/** Injection tokens for what the apps provide from outside Nest. */
export const DATABASE = Symbol('DATABASE');
export const POLICY_LIBRARY = Symbol('POLICY_LIBRARY');
export const CLOCK = Symbol('CLOCK');
export const MAIL_SETTINGS = Symbol('MAIL_SETTINGS');

export type Clock = () => Date;
