import type { OutgoingEvent } from '@ftt/contracts';
import { AggregateRepo, type AuditRecord, type WriteResult } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Listing, StockAdjustment } from '../domain/listing';
import { listingAggregate } from '../use-cases/aggregates';
import {
  StockMoved,
  type AdjustResult,
  type HoldResult,
  type ListingRecord,
  type Listings,
  type SaleProof,
  type SearchParams,
  type SetStockResult,
  type StockMove,
} from '../use-cases/ports';
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
const listingFields = ({ stock, stockMove: _move, ...l }: ListingRecord, isNew: boolean): mongo.Document =>
  isNew ? newListingDocument(l as Listing, stock.available) : toFields(l as Listing);

/** A farm's listings are read this many at a time (by _id on { farmId, _id }). */
const FARM_PAGE = 1000;

export class ListingRepo extends AggregateRepo<ListingRecord> implements Listings {
  constructor(
    readonly col: Collection,
    client?: mongo.MongoClient,
  ) {
    super(col, listingAggregate, { toState: toListingRecord, toFields: listingFields, client });
  }

  /** A state with a stock move writes it in the same transaction as its fields and events, or writes nothing. */
  override update(state: ListingRecord, expectedVersion: number, events: OutgoingEvent[], processedEventId?: string, audit?: AuditRecord[]): Promise<WriteResult> {
    const move = state.stockMove;
    if (!move) return super.update(state, expectedVersion, events, processedEventId, audit);
    return this.store.update(state.id, expectedVersion, this.fields(state, false), {
      events,
      processedEventId,
      audit,
      alongside: async (session) => {
        const r = await this.col.updateOne(
          { _id: state.id, available: move.expected } as mongo.Document,
          { $inc: { available: move.delta }, $push: { adjustments: move.adjustment } } as mongo.Document,
          { session },
        );
        if (r.modifiedCount !== 1) throw new StockMoved(state.id);
      },
    });
  }

  /** A state with a stock move needs its transaction: the batch leaves it (a 'conflict') to the one-by-one write. */
  override async updateMany(items: { state: ListingRecord; expectedVersion: number; events: OutgoingEvent[] }[]): Promise<('written' | 'conflict')[]> {
    const plain = items.filter((i) => !i.state.stockMove);
    const written = plain.length ? await super.updateMany(plain) : [];
    let k = 0;
    return items.map((i) => (i.state.stockMove ? 'conflict' : written[k++]!));
  }

  async allOfFarm(farmId: string): Promise<ListingRecord[]> {
    const out: ListingRecord[] = [];
    let after: string | null = null;
    for (;;) {
      const filter: mongo.Document = after === null ? { farmId } : { farmId, _id: { $gt: after } };
      const docs = await this.col.find(filter, { projection: HIDDEN }).sort({ _id: 1 }).limit(FARM_PAGE).toArray();
      out.push(...docs.map(toListingRecord));
      if (docs.length < FARM_PAGE) return out;
      after = String(docs.at(-1)!._id);
    }
  }

  async farmsOf(listingIds: string[]): Promise<Map<string, string>> {
    if (listingIds.length === 0) return new Map();
    const docs = await this.col.find({ _id: { $in: listingIds } } as mongo.Document, { projection: { farmId: 1 } }).toArray();
    return new Map(docs.map((d) => [String(d._id), String(d.farmId)]));
  }

  async setStock(listingId: string, move: StockMove): Promise<SetStockResult> {
    const filter: mongo.Document = { available: move.expected, status: { $ne: 'archived' } };
    if (await this.atomic(listingId, filter, { $inc: { available: move.delta }, $push: { adjustments: move.adjustment } })) return 'applied';
    const doc = await this.col.findOne(id(listingId), { projection: { status: 1 } });
    if (!doc) return 'not_found';
    return doc.status === 'archived' ? 'archived' : 'moved';
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
