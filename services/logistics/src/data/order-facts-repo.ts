import type { OutgoingEvent } from '@ftt/contracts';
import { AggregateStore, INTERNAL_FIELDS, type Loaded } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { OrderFacts } from '../domain/order-facts';
import type { OrderFactsStore } from '../use-cases/ports';

type Doc = mongo.Document;

const { processedEventIds: _kept, ...WITH_PROCESSED_IDS } = INTERNAL_FIELDS;

const toFacts = (doc: Doc): OrderFacts => {
  const { _id, version: _version, processedEventIds: _ids, ...rest } = doc;
  return { ...rest, orderId: String(_id) } as OrderFacts;
};

/**
 * What logistics knows of each order, as an aggregate: one versioned document per order whose writes carry
 * their events (the answers to cancel requests) in its outbox, like shipments.
 */
export class OrderFactsRepo implements OrderFactsStore {
  private readonly store: AggregateStore;

  constructor(private readonly collection: mongo.Collection<Doc>) {
    this.store = new AggregateStore(collection);
  }

  async load(orderId: string, processedEventId?: string): Promise<Loaded<OrderFacts> | null> {
    const doc = await this.collection.findOne({ _id: orderId } as Doc, {
      projection: processedEventId ? WITH_PROCESSED_IDS : INTERNAL_FIELDS,
    });
    if (!doc) return null;
    const seen =
      processedEventId !== undefined && ((doc.processedEventIds ?? []) as string[]).includes(processedEventId);
    return { state: toFacts(doc), version: Number(doc.version), seen };
  }

  insert(f: OrderFacts, events: OutgoingEvent[], processedEventId?: string) {
    const { orderId, ...fields } = f;
    return this.store.insert(orderId, fields, { events, processedEventId });
  }

  update(f: OrderFacts, expectedVersion: number, events: OutgoingEvent[], processedEventId?: string) {
    const { orderId, ...fields } = f;
    return this.store.update(orderId, expectedVersion, fields, { events, processedEventId });
  }

  async get(orderId: string) {
    return (await this.load(orderId))?.state ?? null;
  }
}
