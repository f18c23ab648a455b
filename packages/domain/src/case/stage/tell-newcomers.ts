import type { CaseChange } from '../case-change';
import { currentStage, type Participant } from '../case-state';

/** Roles of people someone on the case brought in, rather than who joined on their own account. */
const BROUGHT_IN = new Set<Participant['role']>(['next-contact', 'added']);

/**
 * Whoever a command brought onto the case is told, in a notice of their own, that they are
 * on it, what it is about, what the command said and how to act; the command's confirmation
 * names them, so everyone knows who joined.
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
  // The newcomers get the confirmation too (what it says of deadlines and breaches is theirs
  // to know); their own notice repeats what the command said, so it reads on its own.
  let said: Record<string, unknown> = {};
  for (const notice of change.notices) {
    if (notice.kind !== 'confirmation') continue;
    notice.data['added'] = people;
    said = { action: notice.data['action'] ?? null, text: notice.data['text'] ?? null };
  }
  change.notice(
    'added-to-case',
    currentStage(change.state).number,
    newcomers.map((participant) => `address:${participant.email}` as const),
    { added: people, ...said },
  );
}
