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

/**
 * A logger's batch of readings (consumed from the readings topic): each reading goes to the shipments the device
 * carried at that instant, into their hour buckets; then, only when the batch holds a reading outside a shipment's
 * range (readings inside the range can end an excursion but never start one), the detector looks at the device's
 * readings around the batch and the shipment's decider raises what is new. Every step is idempotent: a redelivered
 * batch adds no reading (the buckets' $addToSet) and raises nothing (the excursion is already recorded).
 */
export const recordReadings = async (
  ctx: Context,
  data: EventData<'ftt.logistics.device.readings_recorded.v1'>,
  cause: Cause,
) => {
  const { devices, readings: store, detector } = ctx.coldChain;
  const batch = data.readings.map((r) => ({ t: Date.parse(r.t), c: r.c }));
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const r of batch) {
    lo = Math.min(lo, r.t);
    hi = Math.max(hi, r.t);
  }
  // A device's recent intervals, then those overlapping this batch (the memo holds the newest few of the device).
  const recent = await ctx.coldChain.attachmentsOf.get(data.deviceId, () =>
    devices.overlapping(data.deviceId, 0, LATEST),
  );
  const attachments = recent.filter(
    (a) => Date.parse(a.from) <= hi && (a.to === null || Date.parse(a.to) >= lo),
  );
  let stored = 0;
  let raised = 0;
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
    if (mine.length === 0) continue;
    await store.append(s.shipmentId, data.deviceId, mine);
    stored += mine.length;
    if (!mine.some((r) => outside(r, s))) continue;
    // The stretch the batch may belong to: an excursion that lasts longer was recorded (and kept widened) by the
    // batches before, so looking back one minimum duration plus two gaps is enough to recognise it.
    const around = detector.minDurationMs + 2 * detector.maxGapMs;
    const lookFrom = Math.max(from, Math.min(...mine.map((r) => r.t)) - around);
    const lookTo = Math.min(to, Math.max(...mine.map((r) => r.t)) + around);
    const window = await store.window(s.shipmentId, data.deviceId, lookFrom, lookTo);
    const runs = detectExcursions(window, s.coldChain, detector);
    if (runs.length === 0) continue;
    const r = await ctx.handleShipment(
      s.shipmentId,
      (current, now) =>
        current
          ? decideSensorExcursions(current, data.deviceId, runs, detector, now.toISOString())
          : ignore('no such shipment'),
      // An excursion belongs to the order's saga (correlated by the order id), caused by the logger's batch.
      { ...cause, correlationid: s.orderId },
    );
    if (r.result === 'written') raised += r.events;
  }
  return { stored, raised };
};
