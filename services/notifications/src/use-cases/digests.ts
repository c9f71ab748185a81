import { randomUUID } from 'node:crypto';
import { stillOpen, uniqueItems } from '../domain/digest';
import type { DataOf, NoticeKind } from '../domain/notice';
import type { Context } from './context';
import { deliverMessage } from './deliver';

/** A claimed digest not finished this long after its claim is completed by the next pass (its process died). */
const CLAIM_STALE_MS = 60_000;

/** The open shipments of a partners' digest that are still open now, named by their farms. */
const openNow = async (ctx: Context, items: DataOf<'shipments_open'>[]) => {
  const orders = new Map(
    await Promise.all(
      [...new Set(items.map((s) => s.orderId))].map(async (id) => [id, await ctx.facts.order(id)] as const),
    ),
  );
  const farms = new Map(
    await Promise.all(
      [...new Set(items.map((s) => s.farmId))].map(async (id) => [id, await ctx.facts.farm(id)] as const),
    ),
  );
  return stillOpen(
    items,
    (orderId) => orders.get(orderId)?.shipmentsTaken ?? [],
    (farmId) => farms.get(farmId)?.farmName,
  );
};

/** Writes the digest's message from its items and marks them done; repeatable (the message is keyed by the digest id). */
const completeDigest = async (ctx: Context, digestId: string, recipient: string, kind: NoticeKind) => {
  const items = await ctx.digests.items(digestId);
  let data = uniqueItems(
    items.sort((a, b) => a.batchedAt.getTime() - b.batchedAt.getTime()).map((i) => i.data),
  );
  if (kind === 'shipments_open') data = await openNow(ctx, data as DataOf<'shipments_open'>[]);
  if (data.length) {
    await deliverMessage(ctx, { eventId: digestId, recipient, kind, items: data });
    ctx.log.info({ digestId, kind, items: data.length }, 'digest written');
  }
  await ctx.digests.finish(digestId);
};

/**
 * Closes the digests whose window is over: a recipient's first batched item is DIGEST_WINDOW_MS old, so
 * everything batched for them (and that kind) since goes into one message. The claim moves the items under a
 * new digest id first; a crash after it is finished by a later pass with the same id (no second message).
 */
export const closeDueDigests = async (ctx: Context, limit = 100): Promise<number> => {
  const now = ctx.clock();
  let closed = 0;
  for (const d of await ctx.digests.unfinished(new Date(now.getTime() - CLAIM_STALE_MS), limit)) {
    await completeDigest(ctx, d.digestId, d.recipient, d.kind);
  }
  const before = new Date(now.getTime() - ctx.settings.digestWindowMs);
  for (const { recipient, kind } of await ctx.digests.due(before, limit)) {
    const digestId = `digest:${randomUUID()}`;
    if ((await ctx.digests.claim(recipient, kind, digestId, now)) === 0) continue; // another instance took them
    await completeDigest(ctx, digestId, recipient, kind);
    closed++;
  }
  return closed;
};
