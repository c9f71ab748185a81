import { AggregateRepo, findPage, INTERNAL_FIELDS, type Page, type PageRequest } from '@ftt/kit';
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

  /**
   * A partner's shipments, newest first by (createdAt, _id): a key that never changes, so a shipment that moves on
   * while the partner pages keeps its place. One status: { partnerId, status, createdAt, _id }; several (history)
   * or none: { partnerId, createdAt, _id }.
   */
  pageByPartner(partnerId: string, statuses: readonly ShipmentStatus[] | undefined, page: PageRequest): Promise<Page<Shipment>> {
    const one = statuses?.length === 1 ? statuses[0] : undefined;
    const filter: Doc = { partnerId };
    if (one) filter.status = one;
    else if (statuses) filter.status = { $in: [...statuses] };
    return findPage(this.collection, {
      filter,
      by: 'createdAt',
      dir: -1,
      page,
      projection: INTERNAL_FIELDS,
      hint: one ? { partnerId: 1, status: 1, createdAt: -1, _id: -1 } : { partnerId: 1, createdAt: -1, _id: -1 },
      map: toShipment,
    });
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
