import type { LineFailure, Reservation } from '../domain/reservation';
import type { Listings } from './ports';

/**
 * Stock moves on the listings for one reservation. Each is an idempotent conditional update keyed
 * by the order id, so running one twice (redelivery, a sweeper finishing a crashed step, two
 * instances racing) changes nothing the second time.
 */

/** Hold every line in order; stop at the first that cannot be held (the caller gives back the rest). */
export const holdAll = async (listings: Listings, r: Reservation): Promise<LineFailure | null> => {
  for (const line of r.lines) {
    const held = await listings.hold(line.listingId, r.id, line.quantity);
    if (!held.ok) return { line, reason: held.reason, available: held.available };
  }
  return null;
};

export const releaseHolds = async (listings: Listings, r: Reservation): Promise<void> => {
  for (const line of r.lines) await listings.releaseHold(line.listingId, r.id, line.quantity);
};

export const commitHolds = async (listings: Listings, r: Reservation): Promise<void> => {
  for (const line of r.lines) await listings.commitHold(line.listingId, r.id, line.quantity);
};

/** Whatever the order holds on each line goes back to available: a reservation, or a sale not yet shipped. */
export const releaseAll = async (listings: Listings, r: Reservation): Promise<void> => {
  for (const line of r.lines) {
    if (!(await listings.releaseHold(line.listingId, r.id, line.quantity))) {
      await listings.releaseSale(line.listingId, r.id, line.quantity);
    }
  }
};

export const forgetSales = async (listings: Listings, r: Reservation): Promise<void> => {
  for (const line of r.lines) await listings.forgetSale(line.listingId, r.id, line.quantity);
};
