import { metrics } from '@ftt/kit';
import { isDigestKind, type Notice, type NoticeDraft } from '../domain/notice';
import { readiness } from '../domain/resolve';
import type { Context } from './context';
import { deliverMessage } from './deliver';

const expired = metrics.counter(
  'notifications_notices_expired_total',
  'Notices given up: recipient never known',
);

/** Everyone in a group audience: partners whose profile names the region; admins with a profile and configured operators. */
const groupMembers = async (
  ctx: Context,
  group: { kind: 'partners_in_region'; region: string } | { kind: 'operators' },
) =>
  group.kind === 'partners_in_region'
    ? ctx.profiles.partnersIn(group.region)
    : [...new Set([...(await ctx.profiles.admins()), ...ctx.settings.operatorIds])];

/**
 * Looks at a stored notice: when its audience is known, each person gets the message (or, for digest kinds,
 * an item in their next digest) and the notice is done; otherwise it waits for the facts it needs (woken by
 * them, or by the sweeper), and is given up after RESOLVE_GIVE_UP_MS. Safe to repeat: every effect is keyed.
 */
export const resolveNotice = async (ctx: Context, notice: Notice): Promise<Notice['status']> => {
  if (notice.status !== 'waiting') return notice.status;
  const a = notice.audience;
  const facts =
    a.kind === 'buyer_of_order'
      ? {
          order: await ctx.facts.order(a.orderId),
          // a delivered box is named by its farm
          ...(notice.data.kind === 'delivered' ? { farm: await ctx.facts.farm(notice.data.farmId) } : {}),
        }
      : a.kind === 'farmer_of_farm'
        ? { farm: await ctx.facts.farm(a.farmId) }
        : {};
  const now = ctx.clock();
  const r = readiness(notice, facts, now, ctx.settings);
  if (r.kind === 'wait') {
    await ctx.notices.wait(notice.noticeId, r.waitKey, r.retryAt);
    ctx.log.debug({ noticeId: notice.noticeId, why: r.why }, 'notice waits');
    return 'waiting';
  }
  if (r.kind === 'expire') {
    await ctx.notices.finish(notice.noticeId, 'expired');
    expired.inc({ kind: notice.data.kind });
    ctx.log.warn({ noticeId: notice.noticeId, kind: notice.data.kind, why: r.why }, 'notice given up');
    return 'expired';
  }
  const recipients = 'userId' in r.to ? [r.to.userId] : await groupMembers(ctx, r.to.group);
  for (const recipient of recipients) {
    if (isDigestKind(r.data.kind)) {
      await ctx.digests.add({
        itemId: `${notice.noticeId}|${recipient}`,
        recipient,
        kind: r.data.kind,
        data: r.data,
        batchedAt: now,
      });
    } else {
      await deliverMessage(ctx, { eventId: notice.noticeId, recipient, kind: r.data.kind, items: [r.data] });
    }
  }
  await ctx.notices.finish(notice.noticeId, 'done');
  return 'done';
};

/** A fresh notice is resolved at once by whoever raised it; the sweeper looks at it only if that did not finish. */
const RESOLVE_GRACE_MS = 30_000;

/**
 * Stores the notices an event raised and resolves each. Stored first as 'waiting' (due to the sweeper after a
 * grace period), so a crash before resolution leaves it to the sweeper; a redelivered event finds its notices and
 * repeats nothing. Two resolutions of one notice at once (the raiser and the sweeper) write nothing twice: every
 * effect is keyed.
 */
export const raiseNotices = async (ctx: Context, drafts: NoticeDraft[]): Promise<void> => {
  for (const draft of drafts) {
    const now = ctx.clock();
    const notice: Notice = {
      ...draft,
      status: 'waiting',
      createdAt: now.toISOString(),
      retryAt: new Date(now.getTime() + RESOLVE_GRACE_MS).toISOString(),
    };
    const inserted = await ctx.notices.insert(notice);
    const current = inserted === 'written' ? notice : await ctx.notices.get(draft.noticeId);
    if (current) await resolveNotice(ctx, current);
  }
};

/** Facts arrived: look again at the notices waiting for them. */
export const wakeWaiting = async (ctx: Context, waitKeys: string[]): Promise<void> => {
  for (const key of waitKeys) {
    for (const n of await ctx.notices.waitingFor(key)) await resolveNotice(ctx, n);
  }
};
