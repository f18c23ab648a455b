import { act, actOnRaises } from './act';
import { answer } from './answer';
import { classifyAutomatic } from './classify-automatic';
import { interpret } from './interpret';
import { parse } from './parse';
import type { PipelineContext } from './pipeline-context';
import type {
  Disposition,
  Interpreted,
  Outcome,
  ParsedMessage,
  StoredMessage,
} from './pipeline-values';
import { route } from './route';
import { verifySender } from './verify-sender';

/** A message taken through the steps before `act`: ended early, or ready to act on. */
type Prepared = { parsed: ParsedMessage } & ({ done: Disposition } | { next: Interpreted });

/** What became of one message of those taken together: its outcome, or what it threw. */
export type PipelineResult = { outcome: Outcome } | { error: unknown };

/** A lease's messages, each taken through the steps before `act` (or what it threw). */
export type PreparedMessages = readonly ({ ready: Prepared } | { error: unknown })[];

/**
 * Messages taken together (a lease) go through the chain in two halves: `preparePipelines`
 * (parse → classify automatic → route → verify the sender → interpret), then
 * `finishPipelines` (act → answer). Each step hands the next what it learnt, or ends the
 * message with what becomes of it; the last step writes that down. The new escalations
 * among them are acted on together: casework opens their cases in one transaction, a
 * statement a table, instead of one transaction each. Each message succeeds or fails on its
 * own; the results are in the order given.
 *
 * The steps before `act`, for each message in arrival order, one at a time. None of them
 * acts on a case (automatic mail is recorded here: a bounce marks the address it names
 * failing, whatever else happens to the case), so a lease may be prepared while the lease
 * before it is acted on; the acts themselves stay in arrival order.
 */
export async function preparePipelines(
  messages: readonly StoredMessage[],
  ctx: PipelineContext,
): Promise<PreparedMessages> {
  const prepared: ({ ready: Prepared } | { error: unknown })[] = [];
  for (const message of messages) {
    try {
      prepared.push({ ready: await prepare(message, ctx) });
    } catch (error) {
      prepared.push({ error });
    }
  }
  return prepared;
}

/** `act` and `answer` for prepared messages: the new escalations together, then the rest in order. */
export async function finishPipelines(
  prepared: PreparedMessages,
  ctx: PipelineContext,
): Promise<PipelineResult[]> {
  const raises = prepared.flatMap((each) =>
    'ready' in each && 'next' in each.ready && each.ready.next.ask === 'raise'
      ? [{ parsed: each.ready.parsed, mail: each.ready.next }]
      : [],
  );
  const opened = new Map<ParsedMessage, Awaited<ReturnType<typeof actOnRaises>>[number]>();
  if (raises.length > 0) {
    const acted = await actOnRaises(
      raises.map(({ mail }) => mail),
      ctx,
    );
    raises.forEach(({ parsed }, i) => opened.set(parsed, acted[i]!));
  }
  const results: PipelineResult[] = [];
  for (const each of prepared) {
    if ('error' in each) {
      results.push(each);
      continue;
    }
    const { ready } = each;
    try {
      let disposition: Disposition;
      if ('done' in ready) disposition = ready.done;
      else if (ready.next.ask !== 'raise') disposition = await act(ready.next, ctx);
      else {
        const raised = opened.get(ready.parsed)!;
        if ('error' in raised) throw raised.error;
        disposition = raised.disposition;
      }
      results.push({ outcome: await answer(ready.parsed, disposition, ctx) });
    } catch (error) {
      results.push({ error });
    }
  }
  return results;
}

/** parse → classify automatic → route → verify the sender → interpret. */
async function prepare(message: StoredMessage, ctx: PipelineContext): Promise<Prepared> {
  const parsed = await parse(message, ctx);
  const person = await classifyAutomatic(parsed, ctx);
  if ('done' in person) return { parsed, done: person.done };
  const routed = route(person.next, ctx);
  if ('done' in routed) return { parsed, done: routed.done };
  const verified = await verifySender(routed.next, ctx);
  const interpreted = interpret(verified, ctx);
  if ('done' in interpreted) return { parsed, done: interpreted.done };
  return { parsed, next: interpreted.next };
}
