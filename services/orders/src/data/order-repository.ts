import type { OutgoingEvent } from '@ftt/contracts';
import { AggregateStore, type WriteResult } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Order, OrderState } from '../domain/order';
import type { Collection } from './collections';

type Doc = mongo.Document;

/** Top-level fields a transition may clear; stored as null so that a $set really clears them. */
const CLEARABLE = ['expiresAt', 'payment', 'refund', 'followUpAt'] as const;
const STORAGE_FIELDS = ['_id', 'version', 'outbox', 'outboxPending', 'outboxLeaseUntil', 'outboxAttempts', 'processedEventIds'];

const toDoc = (order: Order): Doc => {
  const doc = JSON.parse(JSON.stringify(order)) as Doc; // drops undefined, keeps the document plain
  for (const k of CLEARABLE) doc[k] ??= null;
  return doc;
};

const fromDoc = (doc: Doc): Order => {
  const o: Doc = { ...doc };
  for (const k of STORAGE_FIELDS) delete o[k];
  for (const k of CLEARABLE) if (o[k] === null && k !== 'followUpAt') delete o[k];
  return o as Order;
};

export interface LoadedOrder {
  order: Order;
  version: number;
  /** Whether the consumed event (or webhook) given to load() was already applied to this order. */
  seen: boolean;
}

export class OrderRepository {
  readonly store: AggregateStore;

  constructor(readonly collection: Collection) {
    this.store = new AggregateStore(collection);
  }

  async load(orderId: string, processedEventId?: string): Promise<LoadedOrder | null> {
    const doc = await this.collection.findOne({ _id: orderId } as Doc, { projection: { outbox: 0 } });
    if (!doc) return null;
    const seen = processedEventId ? ((doc.processedEventIds ?? []) as string[]).includes(processedEventId) : false;
    return { order: fromDoc(doc), version: Number(doc.version), seen };
  }

  /** The new order and its events in one document write. 'duplicate' when the id exists. */
  insert(order: Order, events: OutgoingEvent[]): Promise<WriteResult> {
    return this.store.insert(order.orderId, toDoc(order), { events });
  }

  /** State, events to publish and the consumed event id, in one conditional single-document update. */
  update(order: Order, expectedVersion: number, events: OutgoingEvent[], processedEventId?: string): Promise<WriteResult> {
    return this.store.update(order.orderId, expectedVersion, toDoc(order), { events, processedEventId });
  }

  async listByBuyer(buyerId: string, limit = 100): Promise<Order[]> {
    const docs = await this.collection.find({ buyerId }, { projection: { outbox: 0, processedEventIds: 0 } }).sort({ placedAt: -1 }).limit(limit).toArray();
    return docs.map(fromDoc);
  }

  async listByFarm(farmId: string, states: readonly OrderState[], limit = 200): Promise<Order[]> {
    const docs = await this.collection
      .find({ farmIds: farmId, state: { $in: [...states] } }, { projection: { outbox: 0, processedEventIds: 0 } })
      .sort({ placedAt: -1 })
      .limit(limit)
      .toArray();
    return docs.map(fromDoc);
  }

  /** Orders still waiting for stock or payment whose deadline passed. */
  async dueForExpiry(nowIso: string, limit = 50): Promise<string[]> {
    const docs = await this.collection
      .find({ state: { $in: ['pending', 'awaiting_payment'] }, expiresAt: { $lte: nowIso } }, { projection: { _id: 1 } })
      .limit(limit)
      .toArray();
    return docs.map((d) => String(d._id));
  }

  /** Orders that still owe provider work (a refund, payouts) and are due for another attempt. */
  async dueForFollowUp(nowIso: string, limit = 50): Promise<string[]> {
    const docs = await this.collection.find({ followUpAt: { $lte: nowIso } }, { projection: { _id: 1 } }).limit(limit).toArray();
    return docs.map((d) => String(d._id));
  }
}
