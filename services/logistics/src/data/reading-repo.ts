import type { mongo } from 'mongoose';
import type { Reading } from '../domain/cold-chain/excursion';
import type { ReadingStore } from '../use-cases/cold-chain-ports';

type Doc = mongo.Document;

/** One document per shipment, device and hour: a reading is a small {t, c} pair inside it, never a document. */
export const BUCKET_MS = 60 * 60_000;

const bucketOf = (t: number) => t - (t % BUCKET_MS);

const readingsOf = (d: Doc): Reading[] =>
  Object.entries((d.r ?? {}) as Record<string, number>).map(([t, c]) => ({ t: Number(t), c }));

/**
 * Readings per shipment, bucketed: `{_id: shipment|device|hour, shipmentId, deviceId, hour, r: {<t ms>: c}}`. A
 * reading is one field of its hour's map, keyed by its instant: a batch sets its fields (no array to scan, as
 * $addToSet would), and a redelivered batch sets the same fields again, so nothing is stored twice. An hour of a
 * reading every 10 s is 360 small fields in one document.
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
            $set: Object.fromEntries(rs.map((r) => [`r.${r.t}`, r.c])),
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
    return docs.flatMap((d) => readingsOf(d).filter((r) => r.t >= fromMs && r.t <= toMs));
  }

  /** A shipment's readings by device, oldest hour first, at most `maxHours` hour-buckets (bounded for traces). */
  async ofShipment(shipmentId: string, maxHours: number) {
    const docs = await this.collection.find({ shipmentId }).sort({ hour: 1 }).limit(maxHours).toArray();
    const byDevice = new Map<string, Reading[]>();
    for (const d of docs) {
      const list = byDevice.get(String(d.deviceId)) ?? [];
      list.push(...readingsOf(d));
      byDevice.set(String(d.deviceId), list);
    }
    return byDevice;
  }
}
