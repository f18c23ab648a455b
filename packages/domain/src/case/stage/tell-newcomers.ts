import type { CaseChange } from '../case-change';
import { currentStage, type Participant } from '../case-state';

/** Roles of people someone on the case brought in, rather than who joined on their own account. */
const BROUGHT_IN = new Set<Participant['role']>(['next-contact', 'added']);

/**
 * Whoever a command brought onto the case is told, in one notice of their own, that they are
 * on it, what it is about, what the command said and how to act; the command's confirmation
 * goes to everyone else and names them, so everyone knows who joined.
 */
export function tellNewcomers(change: CaseChange, before: readonly Participant[]): void {
  const known = new Set(before.map((participant) => participant.email));
  const newcomers = change.state.participants.filter(
    (participant) => !known.has(participant.email) && BROUGHT_IN.has(participant.role),
  );
  if (newcomers.length === 0) return;
  const people = newcomers.map((participant) => ({
    name: participant.name ?? null,
    email: participant.email,
    roleTitle: participant.roleTitle ?? null,
  }));
  const told = new Set(newcomers.map((participant) => participant.email));
  const others = change.state.participants
    .filter((participant) => !told.has(participant.email))
    .map((participant) => `address:${participant.email}` as const);
  // What the command said reaches the newcomers in their own notice, which stands in for the
  // confirmation: each of them gets one message, not two.
  let said: Record<string, unknown> = {};
  for (const notice of change.notices) {
    if (notice.kind !== 'confirmation') continue;
    notice.data['added'] = people;
    if (notice.to.length === 1 && notice.to[0] === 'case.participants') notice.to = others;
    said = { action: notice.data['action'] ?? null, text: notice.data['text'] ?? null };
  }
  change.notice(
    'added-to-case',
    currentStage(change.state).number,
    newcomers.map((participant) => `address:${participant.email}` as const),
    { added: people, ...said },
  );
}
