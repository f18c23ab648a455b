/** Why a command was not applied. The message is written for the person who sent it. */
export const REFUSAL_CODES = [
  'case-exists',
  'no-case',
  'case-closed',
  'not-entitled',
  'text-required',
  'final-stage',
  'not-final-stage',
  'bad-start-stage',
  'unknown-category',
  'unknown-calendar',
  'no-deadline',
  'bad-extension',
  'nothing-breached',
  'not-due',
  'already-done',
  'past-due',
  'too-many-participants',
  'not-raising-side',
  'no-proposal',
  'no-form',
  'bad-form',
  /** RECOMMEND at a stage with no step waiting for it */
  'no-step',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  message: string;
}

export class CommandRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'CommandRefused';
  }
}

export function refuse(code: RefusalCode, message: string): never {
  throw new CommandRefused({ code, message });
}
