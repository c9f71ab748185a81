import type { TypedEnvelope } from '@ftt/contracts';
import { noticesFor } from '../domain/notices-from-event';
import type { Context } from '../use-cases/context';
import { raiseNotices, wakeWaiting } from '../use-cases/notify';
import { recordFacts } from '../use-cases/record-facts';

/**
 * Thin: typed event -> facts kept, notices raised, waiting notices woken. Idempotent on redelivery: facts are
 * upserts, notices are keyed by the event id, messages by (event, recipient, channel). Events nobody must hear
 * about raise nothing.
 */
export const createEventHandler =
  (ctx: Context) =>
  async (event: TypedEnvelope): Promise<void> => {
    const woken = await recordFacts(ctx, event);
    await raiseNotices(ctx, noticesFor(event));
    await wakeWaiting(ctx, woken);
  };
