import type { OutgoingEvent } from '@ftt/contracts';
import { AggregateStore, findPage, INTERNAL_FIELDS, type AuditLog, type AuditRecord, type Loaded, type Page, type PageRequest, type WriteResult } from '@ftt/kit';
import type { mongo } from 'mongoose';
import { buyerNameKeys } from '../domain/buyer-name';
import type { Order, OrderState } from '../domain/order';
import type { FarmMoneyRow, OrderStore, PackingSum } from '../use-cases/ports';
import type { Collection } from './collections';
import { farmMoney, farmPacking } from './farm-aggregates';

type Doc = mongo.Document;

/** Top-level fields a transition may clear; stored as null so that a $set really clears them. */
const CLEARABLE = ['expiresAt', 'payment', 'refund', 'followUpAt'] as const;
const STORAGE_FIELDS = ['_id', 'version', 'buyerNameKeys', ...Object.keys(INTERNAL_FIELDS)];
/** What lists leave out: the outbox and the consumed event ids are no business of a reader. */
const LIST_PROJECTION = INTERNAL_FIELDS;

const toDoc = (order: Order): Doc => {
  const doc = JSON.parse(JSON.stringify(order)) as Doc; // drops undefined, keeps the document plain
  for (const k of CLEARABLE) doc[k] ??= null;
  // the back office's search by the buyer's name (data/order-admin-repo.ts) reads these, by their index
  doc.buyerNameKeys = buyerNameKeys(order.dropoff.contactName);
  return doc;
};

const fromDoc = (doc: Doc): Order => {
  const o: Doc = { ...doc };
  for (const k of STORAGE_FIELDS) delete o[k];
  for (const k of CLEARABLE) if (o[k] === null && k !== 'followUpAt') delete o[k];
  return o as Order;
};

const ids = (docs: Doc[]) => docs.map((d) => String(d._id));

/** Orders, one document each: state, version, outbox and consumed event ids written together by AggregateStore. */
export class OrderRepo implements OrderStore {
  readonly store: AggregateStore;

  constructor(readonly collection: Collection) {
    this.store = new AggregateStore(collection);
  }

  /** `seen`: whether the consumed event (or webhook) given was already applied to this order. */
  async load(orderId: string, processedEventId?: string): Promise<Loaded<Order> | null> {
    const doc = await this.collection.findOne({ _id: orderId } as Doc, { projection: { outbox: 0 } });
    if (!doc) return null;
    const seen = processedEventId ? ((doc.processedEventIds ?? []) as string[]).includes(processedEventId) : false;
    return { state: fromDoc(doc), version: Number(doc.version), seen };
  }

  /** The new order and its events in one document write. 'duplicate' when the id exists. */
  insert(order: Order, events: OutgoingEvent[], processedEventId?: string, audit?: AuditRecord[]): Promise<WriteResult> {
    return this.store.insert(order.orderId, toDoc(order), { events, processedEventId, audit });
  }

  /** State, events to publish and the consumed event id, in one conditional single-document update. */
  update(order: Order, expectedVersion: number, events: OutgoingEvent[], processedEventId?: string, audit?: AuditRecord[]): Promise<WriteResult> {
    return this.store.update(order.orderId, expectedVersion, toDoc(order), { events, processedEventId, audit });
  }

  /** Moves the audit entries an order's writes carried (an operator's refund) into the trail. */
  settleAudit(audit: AuditLog, orderId: string): Promise<void> {
    return audit.settle(this.collection, orderId);
  }

  /** A buyer's orders, newest first by (placedAt, _id) on { buyerId, placedAt, _id }. */
  pageByBuyer(buyerId: string, page: PageRequest): Promise<Page<Order>> {
    return findPage(this.collection, { filter: { buyerId }, by: 'placedAt', dir: -1, page, projection: LIST_PROJECTION, map: fromDoc });
  }

  /** A farm's orders in these states (of one delivery day), newest first by (placedAt, _id). */
  pageByFarm(farmId: string, f: { states: readonly OrderState[]; day?: string | undefined }, page: PageRequest): Promise<Page<Order>> {
    const filter: Doc = { farmIds: farmId, state: { $in: [...f.states] } };
    if (f.day) filter['delivery.day'] = f.day;
    return findPage(this.collection, {
      filter,
      by: 'placedAt',
      dir: -1,
      page,
      projection: LIST_PROJECTION,
      // The farm's own indexes: the back office's (state, placedAt, _id) index would read every order in these states.
      hint: f.day ? { farmIds: 1, 'delivery.day': 1, placedAt: -1, _id: -1 } : { farmIds: 1, placedAt: -1, _id: -1 },
      map: fromDoc,
    });
  }

  /** A farm's completed orders (the ones with payouts), newest first, on { farmIds, state, placedAt, _id }. */
  pageCompletedByFarm(farmId: string, page: PageRequest): Promise<Page<Order>> {
    return findPage(this.collection, {
      filter: { farmIds: farmId, state: 'completed' },
      by: 'placedAt',
      dir: -1,
      page,
      projection: LIST_PROJECTION,
      hint: { farmIds: 1, state: 1, placedAt: -1, _id: -1 },
      map: fromDoc,
    });
  }

  /** A farm's orders for one delivery day (the packing list), served by { farmIds, delivery.day, placedAt, _id }. */
  async listByFarmDay(farmId: string, day: string, states: readonly OrderState[], limit = 500): Promise<Order[]> {
    const docs = await this.collection
      .find({ farmIds: farmId, 'delivery.day': day, state: { $in: [...states] } }, { projection: LIST_PROJECTION })
      .limit(limit)
      .toArray();
    return docs.map(fromDoc);
  }

  farmMoney(farmId: string): Promise<FarmMoneyRow[]> {
    return farmMoney(this.collection, farmId);
  }

  farmPacking(farmId: string, day?: string): Promise<PackingSum[]> {
    return farmPacking(this.collection, farmId, day);
  }

  async dueForExpiry(nowIso: string, limit = 50): Promise<string[]> {
    const docs = await this.collection
      .find({ state: { $in: ['pending', 'awaiting_payment'] }, expiresAt: { $lte: nowIso } }, { projection: { _id: 1 } })
      .limit(limit)
      .toArray();
    return ids(docs);
  }

  countInFlight(): Promise<number> {
    return this.collection.countDocuments({ state: 'pending' });
  }

  async dueForFollowUp(nowIso: string, limit = 50): Promise<string[]> {
    return ids(await this.collection.find({ followUpAt: { $lte: nowIso } }, { projection: { _id: 1 } }).limit(limit).toArray());
  }
}
