import type { Context } from './context';
import { closeDueDigests } from './digests';
import { raiseNotices, resolveNotice } from './notify';

/**
 * One pass of the background work (the kit's startSweeper), on indexed queries only: waiting notices whose
 * next look is due, digests whose window closed, and orders that did not end in time (reported once).
 */
export const sweepOnce = async (ctx: Context, limit = 100) => {
  const now = ctx.clock();
  let woken = 0;
  for (const n of await ctx.notices.dueWaiting(now, limit)) {
    await resolveNotice(ctx, n);
    woken++;
  }
  const digests = await closeDueDigests(ctx, limit);
  let stuck = 0;
  for (const o of await ctx.facts.dueStuck(now, limit)) {
    // The notice first (keyed by the order, so a repeat adds nothing), then stop watching: a crash between
    // the two repeats only the keyed insert.
    await raiseNotices(ctx, [
      {
        noticeId: `stuck:${o.orderId}`,
        eventId: `stuck:${o.orderId}`,
        at: now.toISOString(),
        audience: { kind: 'operators' },
        data: {
          kind: 'stuck_order',
          orderId: o.orderId,
          status: o.status ?? 'unknown',
          since: o.placedAt ?? '?',
        },
      },
    ]);
    if (o.watchUntil && (await ctx.facts.unwatch(o.orderId, o.watchUntil))) stuck++;
  }
  return { woken, digests, stuck };
};
