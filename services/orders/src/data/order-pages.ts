import { BUCKET_FIELD, bucketKey } from '@ftt/kit';
import { FARM_ORDER_STATES, isEnd, type OrderState } from '../domain/order';

/**
 * The day-bucketed lists of orders (kit: buckets.ts): the keys each stored order carries in `pageKeys`, written with
 * its state. A key applies for as long as what it lists is true of the order, so the lists are:
 *
 * - `f:<farmId>`: a farm's orders as it lists them (FARM_ORDER_STATES: confirmed, completed, cancelled, refunded).
 *   An order enters the list when paid and never leaves it (every move from confirmed is to one of those states).
 * - `fs:<farmId>:<state>`: a farm's orders in one end state (completed, rejected, cancelled, expired, refunded;
 *   nothing leaves an end state): the farm's list by state, and its payouts (completed). A farm's orders in a state
 *   every order passes through (pending, awaiting_payment, confirmed) are the ones in flight, read through
 *   `{ farmIds, state, placedAt, _id }`: not bucketed, as their key would leave a day behind for each.
 *
 * Each list's bucket is the UTC day of `placedAt`, which never changes.
 */
export const ORDER_PAGE_KEYS_VERSION = 1;

export const farmList = (farmId: string) => `f:${farmId}`;
export const farmStateList = (farmId: string, state: OrderState) => `fs:${farmId}:${state}`;

/** Whether a farm's list in one state is bucketed (an end state) or read through the state index (in flight). */
export const farmStateBucketed = (state: OrderState) => isEnd(state);

/** The bucket keys of a stored order (a document or the state: farmIds, state and placedAt are read). */
export const orderPageKeys = (o: { farmIds?: readonly string[] | undefined; state: string; placedAt: string }): string[] => {
  const state = o.state as OrderState;
  const keys: string[] = [];
  for (const farmId of o.farmIds ?? []) {
    if (FARM_ORDER_STATES.includes(state)) keys.push(bucketKey(farmList(farmId), o.placedAt));
    if (farmStateBucketed(state)) keys.push(bucketKey(farmStateList(farmId, state), o.placedAt));
  }
  return keys;
};

/** What the backfill reads of a stored order to compute its keys. */
export const ORDER_PAGE_KEY_FIELDS = { farmIds: 1, state: 1, placedAt: 1 } as const;

export { BUCKET_FIELD };
