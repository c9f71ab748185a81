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

/**
 * Whatever the order holds on each line goes back to available: a reservation, or a sale not yet shipped. A line is
 * held until the commit reaches it, then sold; the listing's hold tells which. Sold stock exists only when the release
 * began from committing or committed (`releasedFrom`): from anywhere else a line without a hold was never sold (its
 * hold was given back already, or never taken), and must not be given back again.
 */
export const releaseAll = async (listings: Listings, r: Reservation): Promise<void> => {
  for (const line of r.lines) {
    if (await listings.releaseHold(line.listingId, r.id, line.quantity)) continue;
    if (r.releasedFrom === undefined || r.releasedFrom === null) {
      // Began releasing before reservations recorded where from: only a sale entry of that time proves a sale.
      await listings.releaseSale(line.listingId, r.id, line.quantity, 'sale-entry');
    } else if (r.releasedFrom === 'committing' || r.releasedFrom === 'committed') {
      await listings.releaseSale(line.listingId, r.id, line.quantity, 'reservation');
    }
  }
};

export const forgetSales = async (listings: Listings, r: Reservation): Promise<void> => {
  for (const line of r.lines) await listings.forgetSale(line.listingId, r.id, line.quantity);
};
