import type { CaseChange } from '../case-change';
import { currentStage } from '../case-state';

/** NOTE: anything worth keeping on the record, shared like every other action. */
export function addNote(change: CaseChange, note: string): void {
  const stage = currentStage(change.state);
  change.event('noted', stage.number, { note });
  change.confirm(stage.number, { action: 'note', text: note });
}
