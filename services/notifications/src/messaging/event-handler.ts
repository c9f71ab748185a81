import type { TypedEnvelope } from '@ftt/contracts';
import { noticesFor } from '../domain/notices-from-event';
import type { Context } from '../use-cases/context';
import { forgetPerson } from '../use-cases/erasure';
import { raiseNotices, wakeWaiting } from '../use-cases/notify';
import { introducePerson } from '../use-cases/people';
import { recordFacts } from '../use-cases/record-facts';

/**
 * Thin: typed event -> facts kept, notices raised, waiting notices woken. Idempotent on redelivery: facts are
 * upserts, notices are keyed by the event id, messages by (event, recipient, channel). Events nobody must hear
 * about raise nothing.
 */
export const createEventHandler =
  (ctx: Context) =>
  async (event: TypedEnvelope): Promise<void> => {
    // identity's people topic: a new person (where to write, and a welcome), a decided application, a deleted
    // account (forgotten); memberships concern notifications through the tokens of the person's calls
    if (event.type === 'ftt.identity.person.erased.v1') return forgetPerson(ctx, event.data);
    if (event.type === 'ftt.identity.person.registered.v1') {
      await introducePerson(ctx, event.data);
      return raiseNotices(ctx, noticesFor(event));
    }
    if (event.type === 'ftt.identity.application.decided.v1') return raiseNotices(ctx, noticesFor(event));
    if (event.type.startsWith('ftt.identity.')) return;
    const woken = await recordFacts(ctx, event);
    // order.cancelled after a cancel request: the buyer hears logistics' answer instead (same topic and key as
    // the request, so the request's fact is recorded before this event is handled).
    const cancelRequested =
      event.type === 'ftt.orders.order.cancelled.v1' &&
      (await ctx.facts.order(event.data.orderId))?.cancelRequested === true;
    await raiseNotices(ctx, noticesFor(event, { cancelRequested }));
    await wakeWaiting(ctx, woken);
  };
