import type { mongo } from 'mongoose';
import type { Reading } from '../domain/cold-chain/excursion';
import type { ReadingStore } from '../use-cases/cold-chain-ports';

type Doc = mongo.Document;

/** One document per shipment, device and hour: a reading is a small {t, c} pair inside it, never a document. */
export const BUCKET_MS = 60 * 60_000;

const bucketOf = (t: number) => t - (t % BUCKET_MS);

/**
 * Readings per shipment, bucketed: `{_id: shipment|device|hour, shipmentId, deviceId, hour, readings: [{t, c}]}`.
 * A batch adds its readings with $addToSet, so a redelivered batch (the same pairs) adds nothing; an hour of a
 * reading a minute is 60 pairs in one document.
 */
export class ReadingRepo implements ReadingStore {
  constructor(private readonly collection: mongo.Collection<Doc>) {}

  async append(shipmentId: string, deviceId: string, readings: readonly Reading[]) {
    const byHour = new Map<number, Reading[]>();
    for (const r of readings) {
      const h = bucketOf(r.t);
      const list = byHour.get(h) ?? [];
      list.push({ t: r.t, c: r.c });
      byHour.set(h, list);
    }
    if (byHour.size === 0) return;
    await this.collection.bulkWrite(
      [...byHour].map(([hour, rs]) => ({
        updateOne: {
          filter: { _id: `${shipmentId}|${deviceId}|${hour}` } as Doc,
          update: {
            $setOnInsert: { shipmentId, deviceId, hour },
            $addToSet: { readings: { $each: rs } },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  /** One device's readings on a shipment between two instants (whole hours around them). */
  async window(shipmentId: string, deviceId: string, fromMs: number, toMs: number) {
    const docs = await this.collection
      .find({ shipmentId, deviceId, hour: { $gte: bucketOf(fromMs), $lte: bucketOf(toMs) } })
      .sort({ hour: 1 })
      .limit(200)
      .toArray();
    return docs.flatMap((d) => (d.readings as Reading[]).filter((r) => r.t >= fromMs && r.t <= toMs));
  }

  /** A shipment's readings by device, oldest hour first, at most `maxHours` hour-buckets (bounded for traces). */
  async ofShipment(shipmentId: string, maxHours: number) {
    const docs = await this.collection.find({ shipmentId }).sort({ hour: 1 }).limit(maxHours).toArray();
    const byDevice = new Map<string, Reading[]>();
    for (const d of docs) {
      const list = byDevice.get(String(d.deviceId)) ?? [];
      list.push(...(d.readings as Reading[]));
      byDevice.set(String(d.deviceId), list);
    }
    return byDevice;
  }
}
