import type { OutgoingEvent } from '@ftt/contracts';
import { AggregateStore, type OutboxRelay } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Shipment, ShipmentStatus } from '../domain/shipment';
import type { ShipmentRepo, StoredShipment } from '../use-cases/ports';

type Doc = mongo.Document;
const HIDDEN = { outbox: 0, processedEventIds: 0, outboxPending: 0, outboxLeaseUntil: 0, outboxAttempts: 0 };

const toShipment = (doc: Doc | null): StoredShipment | null => {
  if (!doc) return null;
  const { _id: _ignored, ...rest } = doc;
  return rest as StoredShipment;
};

/** Plain-object shipments over one collection; every write carries its events (outbox) in the same update. */
export const createShipmentRepo = (
  collection: mongo.Collection<Doc>,
  relay: OutboxRelay | undefined,
): ShipmentRepo => {
  const store = new AggregateStore(collection);
  const find = async (filter: Doc, sort: Doc = { createdAt: 1 }, limit = 500) =>
    (await collection.find(filter, { projection: HIDDEN }).sort(sort).limit(limit).toArray()).map((d) =>
      toShipment(d)!,
    );
  const kicked = (id: string, r: Awaited<ReturnType<AggregateStore['insert']>>, events: OutgoingEvent[]) => {
    // Publish right away; the relay's scan is only the safety net for crashes.
    if (r === 'written' && events.length) relay?.kick(collection, id);
    return r;
  };
  return {
    get: async (id) => toShipment(await collection.findOne({ _id: id } as Doc, { projection: HIDDEN })),
    insert: async (s: Shipment, events, processedEventId) =>
      kicked(s.shipmentId, await store.insert(s.shipmentId, { ...s }, { events, processedEventId }), events),
    update: async (s: Shipment, expectedVersion, events, processedEventId) => {
      const { shipmentId: _id, ...fields } = s;
      return kicked(
        s.shipmentId,
        await store.update(s.shipmentId, expectedVersion, fields, { events, processedEventId }),
        events,
      );
    },
    byTrackingCode: async (code) =>
      toShipment(await collection.findOne({ trackingCode: code }, { projection: HIDDEN })),
    open: (region, limit) => find({ status: 'open', region }, { createdAt: 1 }, limit),
    byPartner: (partnerId, status?: ShipmentStatus) =>
      find({ partnerId, ...(status ? { status } : {}) }, { updatedAt: -1 }),
    byOrder: (orderId) => find({ orderId }),
    byLot: (lotCode) => find({ lotCodes: lotCode }),
  };
};
