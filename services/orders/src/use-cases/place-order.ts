import { createHash } from 'node:crypto';
import { change, currentTraceparent, DomainError, ignore } from '@ftt/kit';
import type { Order, OrderOutcome } from '../domain/order';
import { placeOrder as decidePlacement, type PlaceOrderCommand } from '../domain/place';
import type { Context } from './context';

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
        canonical({
          lines: input.lines,
          deliveryAddress: input.deliveryAddress,
          contact: input.contact,
          delivery: input.delivery,
          // absent (undefined) leaves the hash of a request without a method as it was
          paymentMethod: input.paymentMethod,
        }),
      ),
    )
    .digest('hex');

/** The order placed in the trace of the request, so that later steps without a trace of their own continue it. */
const inThisTrace = (outcome: OrderOutcome): OrderOutcome => {
  const traceparent = currentTraceparent();
  return outcome.kind === 'change' && traceparent ? change({ ...outcome.state, traceparent }, outcome.events) : outcome;
};

/**
 * The id of the order a buyer places under an Idempotency-Key: the key's claim is the order's own insert, so a retry
 * or a racing request collides with the first and gets its order, and no crash can leave a key claimed without its
 * order. A UUID (version 8, RFC 9562) from SHA-256 of the buyer and the key; another buyer's key never names it.
 */
export const orderIdFor = (buyerId: string, key: string): string => {
  const h = createHash('sha256').update(JSON.stringify(['ftt.orders.order', buyerId, key])).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
};

const otherBody = () =>
  new DomainError('idempotency.unprocessable', 'this Idempotency-Key was already used with a different request body');

/** The order stored under the key, if its request had this body (one stored before bodies were recorded has none). */
const sameRequest = (order: Order, hash: string): { order: Order; created: false } => {
  if (order.requestHash !== undefined && order.requestHash !== hash) throw otherBody();
  return { order, created: false };
};

/**
 * POST /orders with an Idempotency-Key. The order's id comes from the buyer and the key (orderIdFor): its insert is the
 * key's claim, one write per new order. A retry gets the original order, even if a listing changed since (a refused
 * validation looks the order up before refusing); the same key with another body is refused. A key claimed by the
 * code before orders took their id from it (within a day of the upgrade; see IdempotencyRepo) names its order's id.
 */
export const placeOrder = async (ctx: Context, key: string, input: PlaceOrderInput): Promise<{ order: Order; created: boolean }> => {
  const { buyerId } = input;
  const hash = bodyHash(input);
  const legacy = await ctx.idempotency.find(buyerId, key);
  if (legacy && legacy.bodyHash !== hash) throw otherBody();
  const orderId = legacy?.orderId ?? orderIdFor(buyerId, key);

  const listings = await ctx.listings.getMany(input.lines.map((l) => l.listingId));
  const settings = { ...ctx.settings, deliveryOffer: await ctx.offers.current(), markets: await ctx.markets.byCode() };
  const check = decidePlacement(null, { ...input, orderId, listings, settings }, ctx.clock());
  if (check.kind === 'reject') {
    // A retry whose listing changed since the first request still gets the original order back.
    const existing = await ctx.orders.load(orderId);
    if (existing) return sameRequest(existing.state, hash);
    throw new DomainError(check.code, check.message, check.issues);
  }
  const placement = check.kind === 'change' ? change({ ...check.state, requestHash: hash }, check.events) : check;
  // A new id, inserted without looking first: a key used before collides, and the handler loads what the first request stored.
  const done = await ctx.handleOrder.create(
    orderId,
    // Decided once: the validation above is the placement (an insert that collides finds the order of the first request).
    (current) => (current ? ignore(`order ${orderId} exists already`) : inThisTrace(placement)),
  );
  if (done.result !== 'written') return sameRequest(done.state!, hash);
  ctx.log.info({ orderId, farms: done.state.farmIds.length }, 'order placed');
  return { order: done.state, created: true };
};
