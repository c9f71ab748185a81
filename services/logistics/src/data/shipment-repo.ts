import type { OutgoingEvent } from '@ftt/contracts';
import { AggregateStore, INTERNAL_FIELDS, type Loaded } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Shipment, ShipmentStatus } from '../domain/shipment';
import type { ShipmentStore } from '../use-cases/ports';

type Doc = mongo.Document;

/** A consumed event's id is looked up on the document (a redelivery); the outbox stays hidden. */
const { processedEventIds: _kept, ...WITH_PROCESSED_IDS } = INTERNAL_FIELDS;

/** The stored document without its key and version: the shipment as the domain knows it. */
const toShipment = (doc: Doc): Shipment => {
  const { _id: _key, version: _version, ...shipment } = doc;
  return shipment as Shipment;
};

/**
 * Plain-object shipments over one collection. Writes go through the kit's AggregateStore: one conditional
 * single-document update carrying the state, its events (outbox) and the processed event id.
 */
export class ShipmentRepo implements ShipmentStore {
  private readonly store: AggregateStore;

  constructor(private readonly collection: mongo.Collection<Doc>) {
    this.store = new AggregateStore(collection);
  }

  async load(shipmentId: string, processedEventId?: string): Promise<Loaded<Shipment> | null> {
    const doc = await this.collection.findOne({ _id: shipmentId } as Doc, {
      projection: processedEventId ? WITH_PROCESSED_IDS : INTERNAL_FIELDS,
    });
    if (!doc) return null;
    const { processedEventIds, ...rest } = doc;
    const seen =
      processedEventId !== undefined && ((processedEventIds ?? []) as string[]).includes(processedEventId);
    return { state: toShipment(rest), version: Number(doc.version), seen };
  }

  insert(s: Shipment, events: OutgoingEvent[], processedEventId?: string) {
    return this.store.insert(s.shipmentId, { ...s }, { events, processedEventId });
  }

  update(s: Shipment, expectedVersion: number, events: OutgoingEvent[], processedEventId?: string) {
    const { shipmentId: _id, ...fields } = s;
    return this.store.update(s.shipmentId, expectedVersion, fields, { events, processedEventId });
  }

  async get(shipmentId: string) {
    return (await this.load(shipmentId))?.state ?? null;
  }

  async byTrackingCode(trackingCode: string) {
    const doc = await this.collection.findOne({ trackingCode }, { projection: INTERNAL_FIELDS });
    return doc ? toShipment(doc) : null;
  }

  open(region: string, limit: number) {
    return this.find({ status: 'open', region }, { createdAt: 1 }, limit);
  }

  byPartner(partnerId: string, status?: ShipmentStatus) {
    return this.find({ partnerId, ...(status ? { status } : {}) }, { updatedAt: -1 });
  }

  byOrder(orderId: string) {
    return this.find({ orderId });
  }

  byLot(lotCode: string) {
    return this.find({ lotCodes: lotCode });
  }

  private async find(filter: Doc, sort: Doc = { createdAt: 1 }, limit = 500) {
    const docs = await this.collection
      .find(filter, { projection: INTERNAL_FIELDS })
      .sort(sort)
      .limit(limit)
      .toArray();
    return docs.map(toShipment);
  }
}
