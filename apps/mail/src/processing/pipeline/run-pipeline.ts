import { act } from './act';
import { answer } from './answer';
import { classifyAutomatic } from './classify-automatic';
import { interpret } from './interpret';
import { parse } from './parse';
import type { PipelineContext } from './pipeline-context';
import type { Outcome, StoredMessage } from './pipeline-values';
import { route } from './route';
import { verifySender } from './verify-sender';

/**
 * One message through the chain: parse → classify automatic → route → verify the sender →
 * interpret → act → answer. Each step hands the next what it learnt, or ends the message
 * with what becomes of it; the last step writes that down. Returns the outcome.
 */
export async function runPipeline(message: StoredMessage, ctx: PipelineContext): Promise<Outcome> {
  const parsed = await parse(message, ctx);
  const person = await classifyAutomatic(parsed, ctx);
  if ('done' in person) return answer(parsed, person.done, ctx);
  const routed = route(person.next, ctx);
  if ('done' in routed) return answer(parsed, routed.done, ctx);
  const verified = await verifySender(routed.next, ctx);
  const interpreted = interpret(verified, ctx);
  if ('done' in interpreted) return answer(parsed, interpreted.done, ctx);
  return answer(parsed, await act(interpreted.next, ctx), ctx);
}
