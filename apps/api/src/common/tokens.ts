/** Injection tokens for what the apps provide from outside Nest. */
export const DATABASE = Symbol('DATABASE');
export const POLICY_LIBRARY = Symbol('POLICY_LIBRARY');
export const CLOCK = Symbol('CLOCK');
export const MAIL_SETTINGS = Symbol('MAIL_SETTINGS');
/** the folder the policies and calendars were read from: a calendar reload reads it again */
export const POLICIES_DIR = Symbol('POLICIES_DIR');

export type Clock = () => Date;
