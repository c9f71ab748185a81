import { openNativeCollections } from '@ftt/kit';
import type { Connection } from 'mongoose';

/**
 * The cold chain's collections (domain/cold-chain), with the indexes their queries need: a partner's devices, a
 * device's attachment intervals (by device for ingest, by shipment for traces) and the shipments' reading buckets.
 */
export const openColdChainCollections = (db: Connection) =>
  openNativeCollections(
    db,
    { devices: 'devices', attachments: 'device_attachments', readings: 'reading_buckets' },
    (c) => [
      c.devices.createIndex({ ownerId: 1, createdAt: -1 }),
      c.attachments.createIndex({ deviceId: 1, from: -1 }),
      c.attachments.createIndex({ shipmentId: 1, from: 1 }),
      c.readings.createIndex({ shipmentId: 1, deviceId: 1, hour: 1 }),
      c.readings.createIndex({ shipmentId: 1, hour: 1 }),
    ],
  );

export type ColdChainCollections = Awaited<ReturnType<typeof openColdChainCollections>>;
