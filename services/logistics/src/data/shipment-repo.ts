import { AggregateRepo, INTERNAL_FIELDS } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Shipment, ShipmentStatus } from '../domain/shipment';
import type { ShipmentStore } from '../use-cases/ports';

type Doc = mongo.Document;

/** The stored document without its key and version: the shipment as the domain knows it. */
const toShipment = (doc: Doc): Shipment => {
  const { _id: _key, version: _version, ...shipment } = doc;
  return shipment as Shipment;
};

/**
 * Plain-object shipments over one collection. Writes go through the kit's AggregateStore: one conditional
 * single-document update carrying the state, its events (outbox) and the processed event id.
 */
export class ShipmentRepo extends AggregateRepo<Shipment> implements ShipmentStore {
  constructor(collection: mongo.Collection<Doc>) {
    // The shipment's id stays among its stored fields (inserted with them; an update sets the same value).
    super(collection, { idOf: (s) => s.shipmentId, toState: toShipment, toFields: (s) => ({ ...s }) });
  }

  async byTrackingCode(trackingCode: string) {
    const doc = await this.collection.findOne({ trackingCode }, { projection: INTERNAL_FIELDS });
    return doc ? toShipment(doc) : null;
  }

  open(region: string, limit: number) {
    return this.find({ status: 'open', region }, { createdAt: 1 }, limit);
  }

  /** Open boxes of one delivery day whose drop is in the region: what the runs of that day carry. */
  openForDay(region: string, day: string, limit: number) {
    return this.find({ deliveryDate: day, 'drop.region': region, status: 'open' }, { createdAt: 1 }, limit);
  }

  byPartner(partnerId: string, status?: ShipmentStatus) {
    return this.find({ partnerId, ...(status ? { status } : {}) }, { updatedAt: -1 });
  }

  /** A partner's finished shipments, newest first, one page before `before` (the last one's updatedAt). */
  history(partnerId: string, statuses: readonly ShipmentStatus[], before: string | undefined, limit: number) {
    return this.find(
      { partnerId, status: { $in: [...statuses] }, ...(before ? { updatedAt: { $lt: before } } : {}) },
      { updatedAt: -1 },
      limit,
    );
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
