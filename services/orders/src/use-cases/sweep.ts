import { isDomainErrorWith } from '@ftt/kit';
import { expireOrder } from '../domain/lifecycle';
import { onOrder, type Context } from './context';
import { settle } from './settle';

/**
 * One pass of the sweeper (started with the kit's startSweeper), on indexed queries only. Safe with
 * several instances: every change is a conditional write on the order's version, so of two instances
 * expiring the same order one writes and the other finds it expired already and ignores it; provider
 * calls repeat under the same idempotency key.
 */
export const sweepOnce = async (ctx: Context): Promise<{ expired: number; settled: number }> => {
  const nowIso = ctx.clock().toISOString();
  let expired = 0;
  for (const orderId of await ctx.orders.dueForExpiry(nowIso)) {
    try {
      const done = await ctx.handleOrder(orderId, onOrder(orderId, (o, now) => expireOrder(o, { cause: 'payment_timeout' }, now)));
      if (done.result === 'written') {
        expired++;
        ctx.log.info({ orderId }, 'order expired');
      }
    } catch (err) {
      // Still contended after the handler's attempts: the next pass takes it up again; the others go on now.
      if (!isDomainErrorWith(err, 'conflict')) throw err;
    }
  }
  const due = await ctx.orders.dueForFollowUp(nowIso);
  for (const orderId of due) await settle(ctx, orderId);
  return { expired, settled: due.length };
};
