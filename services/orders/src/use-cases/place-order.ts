import { createHash, randomUUID } from 'node:crypto';
import { change, currentTraceparent, DomainError, ignore } from '@ftt/kit';
import type { ListingRecord } from '../domain/listing';
import type { Order, OrderOutcome } from '../domain/order';
import { placeOrder as decidePlacement, type PlaceOrderCommand } from '../domain/place';
import type { Context } from './context';
import type { IdempotencyRecord } from './ports';

export type PlaceOrderInput = Omit<PlaceOrderCommand, 'orderId'>;

/** Key order does not matter: the same body always hashes the same. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;

export const bodyHash = (input: PlaceOrderInput): string =>
  createHash('sha256')
    .update(
      JSON.stringify(
        canonical({ lines: input.lines, deliveryAddress: input.deliveryAddress, contact: input.contact, delivery: input.delivery }),
      ),
    )
    .digest('hex');

/** The order placed in the trace of the request, so that later steps without a trace of their own continue it. */
const inThisTrace = (outcome: OrderOutcome): OrderOutcome => {
  const traceparent = currentTraceparent();
  return outcome.kind === 'change' && traceparent ? change({ ...outcome.state, traceparent }, outcome.events) : outcome;
};

/**
 * Price from the read model, store pending + order.placed in one write; an order stored under the id already is returned
 * as it is. `fresh`: the id was just drawn at random, so there is nothing to load first (an insert that collides loads).
 */
const create = async (ctx: Context, orderId: string, input: PlaceOrderInput, listings?: Map<string, ListingRecord>, fresh = false) => {
  const priced = listings ?? (await ctx.listings.getMany(input.lines.map((l) => l.listingId)));
  const settings = { ...ctx.settings, deliveryOffer: await ctx.offers.current() };
  const done = await ctx.handleOrder(
    orderId,
    (current, now) =>
      current ? ignore(`order ${orderId} exists already`) : inThisTrace(decidePlacement({ ...input, orderId }, priced, settings, now)),
    {},
    fresh ? null : undefined,
  );
  if (done.result !== 'written') return { order: done.state!, created: false };
  ctx.log.info({ orderId, farms: done.state.farmIds.length }, 'order placed');
  return { order: done.state, created: true };
};

/**
 * POST /orders with an Idempotency-Key. A retry gets the original order, even if a listing changed since (a refused
 * validation looks the key up before refusing); the same key with another body is refused.
 */
export const placeOrder = async (ctx: Context, key: string, input: PlaceOrderInput): Promise<{ order: Order; created: boolean }> => {
  const { buyerId } = input;
  const hash = bodyHash(input);
  const replay = async (record: IdempotencyRecord) => {
    if (record.bodyHash !== hash) {
      throw new DomainError('idempotency.unprocessable', 'this Idempotency-Key was already used with a different request body');
    }
    const existing = await ctx.orders.load(record.orderId);
    if (existing) return { order: existing.state, created: false };
    // The first request claimed the key but its order was never stored (it crashed or failed
    // validation): finish that work now, under the id it claimed.
    return create(ctx, record.orderId, input);
  };

  const orderId = randomUUID();
  // Validate before claiming, so an order refused for its content does not hold the key.
  const listings = await ctx.listings.getMany(input.lines.map((l) => l.listingId));
  const check = decidePlacement({ ...input, orderId }, listings, { ...ctx.settings, deliveryOffer: await ctx.offers.current() }, ctx.clock());
  if (check.kind === 'reject') {
    // A retry whose listing changed since the first request still gets the original order back.
    const known = await ctx.idempotency.find(buyerId, key);
    if (known) return replay(known);
    throw new DomainError(check.code, check.message, check.issues);
  }
  // The claim is the look-up too: a key used before makes it fail with the first request's record (one read less
  // per new order than looking first).
  const claim = await ctx.idempotency.claim({ buyerId, key, bodyHash: hash, orderId });
  if (!claim.claimed) return replay(claim.record); // a concurrent request with the same key won
  const placed = await create(ctx, orderId, input, listings, true);
  if (!placed.created) throw new DomainError('order.conflict', `order ${orderId} already exists`);
  return placed;
};
