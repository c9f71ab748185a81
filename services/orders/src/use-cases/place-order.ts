import { createHash, randomUUID } from 'node:crypto';
import { currentTraceparent } from '@ftt/kit';
import { DomainError } from '../domain/errors';
import type { ListingRecord } from '../domain/listing';
import type { Order } from '../domain/order';
import { placeOrder as decidePlacement, type PlaceOrderCommand } from '../domain/place';
import type { IdempotencyRecord } from '../data/idempotency-repository';
import { toOutgoing, type Deps } from './context';

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
        canonical({ lines: input.lines, deliveryAddress: input.deliveryAddress, contact: input.contact }),
      ),
    )
    .digest('hex');

/** Price from the read model, store pending + order.placed in one write. 'duplicate' if the id exists. */
const create = async (
  deps: Deps,
  orderId: string,
  input: PlaceOrderInput,
  listings?: Map<string, ListingRecord>,
) => {
  listings ??= await deps.listings.getMany(input.lines.map((l) => l.listingId));
  const decision = decidePlacement({ ...input, orderId }, listings, deps.settings, deps.clock());
  const traceparent = currentTraceparent();
  const order = traceparent ? { ...decision.order, traceparent } : decision.order;
  const w = await deps.orders.insert(order, toOutgoing(decision.events, orderId, {}, deps.clock()));
  if (w === 'written') {
    deps.kick(orderId);
    deps.log.info({ orderId, farms: decision.order.farmIds.length }, 'order placed');
  }
  return { w, order };
};

/**
 * POST /orders with an Idempotency-Key. The key is checked before anything else, so a retry gets
 * the original order even if a listing changed since; the same key with another body is refused.
 */
export const placeOrder = async (
  deps: Deps,
  key: string,
  input: PlaceOrderInput,
): Promise<{ order: Order; created: boolean }> => {
  const { buyerId } = input;
  const hash = bodyHash(input);
  const replay = async (record: IdempotencyRecord) => {
    if (record.bodyHash !== hash) {
      throw new DomainError(
        'idempotency.unprocessable',
        'this Idempotency-Key was already used with a different request body',
      );
    }
    const existing = await deps.orders.load(record.orderId);
    if (existing) return { order: existing.order, created: false };
    // The first request claimed the key but its order was never stored (it crashed or failed
    // validation): finish that work now, under the id it claimed.
    const { w, order } = await create(deps, record.orderId, input);
    if (w === 'written') return { order, created: true };
    return { order: (await deps.orders.load(record.orderId))!.order, created: false };
  };

  const known = await deps.idempotency.find(buyerId, key);
  if (known) return replay(known);
  const orderId = randomUUID();
  // Validate before claiming, so an order refused for its content does not hold the key.
  const listings = await deps.listings.getMany(input.lines.map((l) => l.listingId));
  decidePlacement({ ...input, orderId }, listings, deps.settings, deps.clock());
  const claim = await deps.idempotency.claim({ buyerId, key, bodyHash: hash, orderId });
  if (!claim.claimed) return replay(claim.record); // a concurrent request with the same key won
  const { w, order } = await create(deps, orderId, input, listings);
  if (w !== 'written') throw new DomainError('order.conflict', `order ${orderId} already exists`);
  return { order, created: true };
};
