import type { EventData } from '@ftt/contracts';
import { ignore, type Cause } from '@ftt/kit';
import { attachedInterval } from '../domain/cold-chain/device';
import { detectExcursions, type Reading } from '../domain/cold-chain/excursion';
import { decideSensorExcursions } from '../domain/cold-chain/sensor-decide';
import type { Shipment } from '../domain/shipment';
import type { Context } from './context';

/** When the shipment stopped being carried: readings after it are not its own. */
const endedAt = (s: Shipment) => s.deliveredAt ?? s.returned?.at ?? s.cancelled?.at;

/** The latest instant stored times compare with as ISO strings: "every interval of the device", newest first. */
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

const outside = (r: Reading, s: Shipment) => r.c < s.coldChain.minC || r.c > s.coldChain.maxC;

/** One reading event's part of a consumed batch: its data and cause. */
export interface ReadingsRecorded {
  data: EventData<'ftt.logistics.device.readings_recorded.v1'>;
  cause: Cause;
}

/** A device's readings on one shipment in this batch (inside the interval it carried the shipment). */
interface Touched {
  shipment: Shipment;
  deviceId: string;
  from: number;
  to: number;
  mine: Reading[];
  cause: Cause;
}

/**
 * A logger's batch of readings (consumed from the readings topic): each reading goes to the shipments the device
 * carried at that instant, into their hour buckets; then, only when the batch holds a reading outside a shipment's
 * range (readings inside the range can end an excursion but never start one), the detector looks at the device's
 * readings around the batch and the shipment's decider raises what is new. Every step is idempotent: a redelivered
 * batch adds no reading (a reading is its instant's field of the bucket) and raises nothing (the excursion is
 * already recorded).
 */
export const recordReadings = async (
  ctx: Context,
  data: EventData<'ftt.logistics.device.readings_recorded.v1'>,
  cause: Cause,
) => recordReadingsBatch(ctx, [{ data, cause }]);

/**
 * The same for a fetched batch of many loggers' events at once (the consumer's handleBatch), so the cost is per
 * batch, not per event: the events of one device are merged; each device's attachments and each shipment are
 * looked up once (through the memos); all the buckets touched are written in one bulk write (one update per
 * shipment, device and hour); the detector and the decider run once per touched shipment and device. Excursions
 * are raised by the newest event of the device in the batch. Shipments are decided concurrently, the devices of
 * one shipment one after the other.
 */
export const recordReadingsBatch = async (ctx: Context, items: readonly ReadingsRecorded[]) => {
  const { devices, readings: store, detector } = ctx.coldChain;
  const byDevice = new Map<string, { readings: Map<number, number>; cause: Cause }>();
  for (const { data, cause } of items) {
    const d = byDevice.get(data.deviceId) ?? { readings: new Map<number, number>(), cause };
    for (const r of data.readings) d.readings.set(Date.parse(r.t), r.c);
    d.cause = cause;
    byDevice.set(data.deviceId, d);
  }

  const touchedOf = async (deviceId: string, readings: Map<number, number>, cause: Cause) => {
    const batch = [...readings].map(([t, c]) => ({ t, c })).sort((a, b) => a.t - b.t);
    const lo = batch[0]?.t ?? Number.POSITIVE_INFINITY;
    const hi = batch[batch.length - 1]?.t ?? Number.NEGATIVE_INFINITY;
    // A device's recent intervals, then those overlapping this batch (the memo holds the newest few of the device).
    const recent = await ctx.coldChain.attachmentsOf.get(deviceId, () =>
      devices.overlapping(deviceId, 0, LATEST),
    );
    const attachments = recent.filter(
      (a) => Date.parse(a.from) <= hi && (a.to === null || Date.parse(a.to) >= lo),
    );
    const touched: Touched[] = [];
    for (const a of attachments) {
      const s = await ctx.coldChain.shipmentOf.get(a.shipmentId, () => ctx.shipments.get(a.shipmentId));
      if (!s) continue;
      const ended = endedAt(s);
      // The shipment ended while the logger was still attached: its interval ends there (kept, with its readings).
      if (ended && a.to === null) {
        await devices.detach(a.deviceId, a.shipmentId, ended);
        ctx.coldChain.attachmentsOf.forget(a.deviceId);
      }
      const [from, to] = attachedInterval(a, ended);
      const mine = batch.filter((r) => r.t >= from && r.t <= to);
      if (mine.length > 0) touched.push({ shipment: s, deviceId, from, to, mine, cause });
    }
    return touched;
  };

  const touched = (
    await Promise.all([...byDevice].map(([deviceId, d]) => touchedOf(deviceId, d.readings, d.cause)))
  ).flat();
  await store.appendMany(
    touched.map((x) => ({ shipmentId: x.shipment.shipmentId, deviceId: x.deviceId, readings: x.mine })),
  );
  const stored = touched.reduce((n, x) => n + x.mine.length, 0);

  /** The detector over one device's readings around the batch on one shipment, and its decider: what it raised. */
  const detect = async ({ shipment: s, deviceId, from, to, mine, cause }: Touched) => {
    if (!mine.some((r) => outside(r, s))) return 0;
    // The stretch the batch may belong to: an excursion that lasts longer was recorded (and kept widened) by the
    // batches before, so looking back one minimum duration plus two gaps is enough to recognise it.
    const around = detector.minDurationMs + 2 * detector.maxGapMs;
    const lookFrom = Math.max(from, (mine[0]?.t ?? from) - around);
    const lookTo = Math.min(to, (mine[mine.length - 1]?.t ?? to) + around);
    const window = await store.window(s.shipmentId, deviceId, lookFrom, lookTo);
    const runs = detectExcursions(window, s.coldChain, detector);
    if (runs.length === 0) return 0;
    const r = await ctx.handleShipment(
      s.shipmentId,
      (current, now) =>
        current
          ? decideSensorExcursions(current, { deviceId, runs, settings: detector }, now)
          : ignore('no such shipment'),
      // An excursion belongs to the order's saga (correlated by the order id), caused by the logger's batch.
      { ...cause, correlationid: s.orderId },
    );
    return r.result === 'written' ? r.events : 0;
  };
  const byShipment = new Map<string, Touched[]>();
  for (const x of touched)
    byShipment.set(x.shipment.shipmentId, [...(byShipment.get(x.shipment.shipmentId) ?? []), x]);
  const raisedPer = await Promise.all(
    [...byShipment.values()].map(async (list) => {
      let n = 0;
      for (const x of list) n += await detect(x);
      return n;
    }),
  );
  return {
    stored,
    raised: raisedPer.reduce((a, b) => a + b, 0),
    devices: byDevice.size,
    shipments: byShipment.size,
  };
};
