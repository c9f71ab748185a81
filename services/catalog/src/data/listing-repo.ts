import { AggregateRepo } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Listing, StockAdjustment } from '../domain/listing';
import { listingAggregate } from '../use-cases/aggregates';
import type { AdjustResult, HoldResult, ListingRecord, Listings, SaleProof, SearchParams } from '../use-cases/ports';
import { toFields, type Collection } from './collections';
import { HIDDEN, newListingDocument, toListingRecord } from './listing-record';
import { searchListings } from './search';

const id = (listingId: string) => ({ _id: listingId }) as mongo.Document;

/**
 * How many orders whose stock went back a listing remembers: a step that gives stock back is repeated within minutes
 * (a redelivery, a sweeper finishing it), never after this many other orders of the same listing were given back.
 */
const RELEASED_MEMORY = 200;

/** A new listing's document starts its stock; later writes store the listing's own fields, never its stock ($inc alone moves it). */
const listingFields = ({ stock, ...l }: ListingRecord, isNew: boolean): mongo.Document =>
  isNew ? newListingDocument(l as Listing, stock.available) : toFields(l as Listing);

export class ListingRepo extends AggregateRepo<ListingRecord> implements Listings {
  constructor(readonly col: Collection) {
    super(col, listingAggregate, { toState: toListingRecord, toFields: listingFields });
  }

  override async get(listingId: string): Promise<ListingRecord | null> {
    const doc = await this.col.findOne(id(listingId), { projection: HIDDEN });
    return doc ? toListingRecord(doc) : null;
  }

  async byFarm(farmId: string, statuses?: string[]): Promise<ListingRecord[]> {
    const filter: mongo.Document = { farmId };
    if (statuses) filter.status = { $in: statuses };
    const docs = await this.col.find(filter, { projection: HIDDEN }).sort({ createdAt: -1, _id: -1 }).limit(500).toArray();
    return docs.map(toListingRecord);
  }

  /**
   * Take `quantity` for an order in ONE conditional update: only a published listing with enough
   * available stock and no hold of this order yet matches, so racing orders can never drive stock
   * below zero and a redelivered order never holds twice. Only when it matches nothing does a read
   * say why (one database round trip in the common case).
   */
  async hold(listingId: string, orderId: string, quantity: number): Promise<HoldResult> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const taken = await this.atomic(listingId, { status: 'published', 'farm.suspended': { $ne: true }, available: { $gte: quantity }, 'holds.orderId': { $ne: orderId } }, {
        $inc: { available: -quantity, reserved: quantity },
        $push: { holds: { orderId, quantity } },
      });
      if (taken) return { ok: true };
      const doc = await this.col.findOne(id(listingId), { projection: { status: 1, available: 1, holds: 1, 'farm.suspended': 1 } });
      if (!doc) return { ok: false, reason: 'unknown_listing', available: 0 };
      if ((doc.holds as { orderId: string }[]).some((h) => h.orderId === orderId)) return { ok: true };
      if (doc.status !== 'published' || (doc.farm as { suspended?: boolean } | undefined)?.suspended) return { ok: false, reason: 'listing_unavailable', available: 0 };
      if (Number(doc.available) < quantity) return { ok: false, reason: 'insufficient_stock', available: Number(doc.available) };
      // Restocked between the update and the read: try again.
    }
    return { ok: false, reason: 'insufficient_stock', available: 0 };
  }

  // Holds are exactly { orderId, quantity }, matched by the dotted orderId path; the quantity of an order's hold is
  // always its merged line's quantity. A sale leaves no per-order entry (a listing's document must not grow with its
  // open orders: a hold on a listing with 800 such entries cost the database 3.6 ms, against 1.2 ms with none).
  // What makes giving stock back idempotent is `released`: the last RELEASED_MEMORY orders whose stock went back.

  /** Give a held quantity back; false when this order holds nothing here (already released or committed). */
  async releaseHold(listingId: string, orderId: string, quantity: number): Promise<boolean> {
    return this.atomic(listingId, { 'holds.orderId': orderId }, {
      $inc: { available: quantity, reserved: -quantity },
      $pull: { holds: { orderId, quantity } },
      $push: { released: { $each: [orderId], $slice: -RELEASED_MEMORY } },
    });
  }

  /** The held quantity is sold: no per-order entry stays behind (the order's reservation remembers the sale). */
  async commitHold(listingId: string, orderId: string, quantity: number): Promise<boolean> {
    return this.atomic(listingId, { 'holds.orderId': orderId }, {
      $inc: { reserved: -quantity, sold: quantity },
      $pull: { holds: { orderId, quantity } },
    });
  }

  /**
   * A paid order cancelled before pickup: the produce never left the farm, so it is available again, once per order
   * whatever repeats it. `proof` is what shows the line was sold: the order's reservation (its `releasedFrom`; the
   * caller checked it), or, for a release that began before reservations recorded that, the listing's sale entry of
   * that time, given back only while it is still there.
   */
  async releaseSale(listingId: string, orderId: string, quantity: number, proof: SaleProof): Promise<boolean> {
    const filter: mongo.Document =
      proof === 'reservation' ? { 'holds.orderId': { $ne: orderId }, released: { $ne: orderId } } : { 'sales.orderId': orderId };
    return this.atomic(listingId, filter, {
      $inc: { available: quantity, sold: -quantity },
      $push: { released: { $each: [orderId], $slice: -RELEASED_MEMORY } },
      $pull: { sales: { orderId } }, // a sale entry written before sales stopped leaving one
    });
  }

  /** Once delivered the sale is final; a sale entry written before sales stopped leaving one goes. */
  async forgetSale(listingId: string, orderId: string, quantity: number): Promise<void> {
    await this.atomic(listingId, { 'sales.orderId': orderId }, { $pull: { sales: { orderId, quantity } } });
  }

  /** A farmer's restock or write-off and its history entry in one conditional update. */
  async adjust(listingId: string, a: StockAdjustment, delta: number): Promise<AdjustResult> {
    const filter: mongo.Document = { status: { $ne: 'archived' }, 'adjustments.id': { $ne: a.id } };
    if (delta < 0) filter.available = { $gte: -delta };
    if (await this.atomic(listingId, filter, { $inc: { available: delta }, $push: { adjustments: a } })) return 'applied';
    const doc = await this.col.findOne(id(listingId), { projection: { status: 1, adjustments: 1 } });
    if (!doc) return 'not_found';
    if ((doc.adjustments as { id: string }[]).some((x) => x.id === a.id)) return 'duplicate';
    if (doc.status === 'archived') return 'archived';
    return 'insufficient';
  }

  /** One conditional update of one listing, atomic against every other writer of it. */
  private atomic(listingId: string, filter: mongo.Document, update: mongo.Document): Promise<boolean> {
    return this.store.updateWhere(listingId, filter, update);
  }

  search(p: SearchParams, today: string) {
    return searchListings(this.col, p, today);
  }

  async adjustments(listingId: string): Promise<StockAdjustment[] | null> {
    const doc = await this.col.findOne(id(listingId), { projection: { adjustments: 1 } });
    return doc ? ((doc.adjustments ?? []) as StockAdjustment[]) : null;
  }
}
