import { change, ignore } from '@ftt/kit/domain';
import type { Dropoff, Order, OrderOutcome } from './order';

/** What stands where the buyer's name, address and phone were (the shapes stay valid for every view). */
export const REMOVED = 'removed';

/**
 * The buyer deleted their account (identity's person.erased.v1): the order stays for accounting (lines, money,
 * timeline, farms) and loses the buyer's name, street, postcode, city, coordinates and phone. The country stays (tax).
 * A box still on its way is delivered from logistics' own copy of the address. Erasing twice changes nothing.
 */
export const eraseBuyer = (order: Order, now: Date): OrderOutcome => {
  if (order.buyerErasedAt) return ignore('buyer already erased');
  const dropoff: Dropoff = {
    address: { line1: REMOVED, city: REMOVED, postalCode: REMOVED, country: order.dropoff.address.country },
    contactName: REMOVED,
  };
  return change({ ...order, dropoff, buyerErasedAt: now.toISOString() }, []);
};
