import { AggregateRepo, BUCKET_FIELD, findBucketPage, findPage, INTERNAL_FIELDS, type Page, type PageDirectory, type PageRequest } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Shipment, ShipmentStatus } from '../domain/shipment';
import { shipmentAggregate } from '../use-cases/aggregates';
import type { ShipmentStore } from '../use-cases/ports';
import { FINISHED, partnerHistoryList, partnerList, partnerStatusBucketed, partnerStatusList, shipmentPageKeys } from './shipment-pages';

type Doc = mongo.Document;

/** The stored document without its key and version: the shipment as the domain knows it. */
const toShipment = (doc: Doc): Shipment => {
  const { _id: _key, version: _version, [BUCKET_FIELD]: _keys, ...shipment } = doc;
  return shipment as Shipment;
};

/**
 * Plain-object shipments over one collection. Writes go through the kit's AggregateStore: one conditional
 * single-document update carrying the state, its events (outbox) and the processed event id.
 */
export class ShipmentRepo extends AggregateRepo<Shipment> implements ShipmentStore {
  constructor(
    collection: mongo.Collection<Doc>,
    private readonly directory: PageDirectory,
  ) {
    // The shipment's id stays among its stored fields (inserted with them; an update sets the same value), and so
    // do its buckets of the partner's lists (shipment-pages.ts), listed in the directory before the write.
    super(collection, shipmentAggregate, { toState: toShipment, toFields: (s) => ({ ...s, [BUCKET_FIELD]: shipmentPageKeys(s) }), directory });
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
   * while the partner pages keeps its place. All of them, the finished ones (history), or one end status: day-bucketed
   * lists (shipment-pages.ts). One status a shipment passes through (those in flight): { partnerId, status, createdAt, _id }.
   */
  pageByPartner(partnerId: string, statuses: readonly ShipmentStatus[] | undefined, page: PageRequest): Promise<Page<Shipment>> {
    const one = statuses?.length === 1 ? statuses[0] : undefined;
    const finished = statuses?.length === FINISHED.length && FINISHED.every((s) => statuses.includes(s));
    const list = !statuses
      ? partnerList(partnerId)
      : finished
        ? partnerHistoryList(partnerId)
        : one && partnerStatusBucketed(one)
          ? partnerStatusList(partnerId, one)
          : undefined;
    if (list) {
      return findBucketPage(this.collection, { directory: this.directory, list, by: 'createdAt', page, projection: INTERNAL_FIELDS, map: toShipment });
    }
    const filter: Doc = { partnerId, status: one ?? { $in: [...(statuses ?? [])] } };
    return findPage(this.collection, {
      filter,
      by: 'createdAt',
      dir: -1,
      page,
      projection: INTERNAL_FIELDS,
      hint: { partnerId: 1, status: 1, createdAt: -1, _id: -1 },
      map: toShipment,
    });
  }

  byOrder(orderId: string) {
    return this.find({ orderId });
  }

  byLot(lotCode: string) {
    return this.find({ lotCodes: lotCode });
  }

  /** A farm's boxes of one delivery day (their labels, issue #33): at most a day's orders of one farm. */
  ofFarmDay(farmId: string, day: string, limit: number) {
    return this.find({ farmId, deliveryDate: day }, { createdAt: 1 }, limit);
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
