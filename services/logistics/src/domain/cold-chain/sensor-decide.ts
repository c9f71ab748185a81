import { change, ignore, type Outcome } from '@ftt/kit/domain';
import type { Excursion, Shipment, ShipmentEvent } from '../shipment';
import type { DetectorSettings, ExcursionRun } from './excursion';

/** Where a logger's excursion happened, as the excursion event names it: the device that measured it. */
export const sensorPlace = (deviceId: string) => `sensor ${deviceId}`;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Is this detected run the excursion already raised? The same device, and the two stretches overlap or touch
 * within one gap. A run seen again (a redelivered batch), grown (later readings), or grown backwards (an earlier
 * reading arriving late) is the same excursion; a stretch after readings back in range is a new one.
 */
const sameExcursion = (e: Excursion, deviceId: string, run: ExcursionRun, maxGapMs: number) =>
  e.deviceId === deviceId &&
  Date.parse(e.time) <= run.endMs + maxGapMs &&
  Date.parse(e.until ?? e.time) + maxGapMs >= run.startMs;

/**
 * The excursions a logger's readings showed on a shipment, against what was raised already. A new one is recorded
 * and raises `temperature_excursion` (once: every later sight of it only widens the recorded stretch, with no event),
 * so a redelivered batch, a repeated reading or an out-of-order one never raises twice.
 */
export const decideSensorExcursions = (
  s: Shipment,
  { deviceId, runs, settings }: { deviceId: string; runs: readonly ExcursionRun[]; settings: DetectorSettings },
  now: Date,
): Outcome<Shipment, ShipmentEvent> => {
  const excursions = [...s.excursions];
  const events: ShipmentEvent[] = [];
  let changed = false;
  const { minC, maxC } = s.coldChain;
  for (const run of runs) {
    const i = excursions.findIndex((e) => sameExcursion(e, deviceId, run, settings.maxGapMs));
    const known = excursions[i];
    if (known) {
      const from = Math.min(Date.parse(known.time), run.startMs);
      const until = Math.max(Date.parse(known.until ?? known.time), run.endMs);
      const worse =
        Math.max(known.temperatureC - maxC, minC - known.temperatureC) <
        Math.max(run.peakC - maxC, minC - run.peakC);
      if (from === Date.parse(known.time) && until === Date.parse(known.until ?? known.time) && !worse)
        continue;
      excursions[i] = {
        ...known,
        time: iso(from),
        until: iso(until),
        temperatureC: worse ? run.peakC : known.temperatureC,
      };
      changed = true;
      continue;
    }
    const place = sensorPlace(deviceId);
    excursions.push({
      place,
      time: iso(run.startMs),
      temperatureC: run.peakC,
      minC,
      maxC,
      deviceId,
      until: iso(run.endMs),
    });
    events.push({
      type: 'ftt.logistics.shipment.temperature_excursion.v1',
      data: {
        shipmentId: s.shipmentId,
        orderId: s.orderId,
        farmId: s.farmId,
        at: iso(run.startMs),
        temperatureC: run.peakC,
        minC,
        maxC,
        place,
        lotCodes: s.lotCodes,
      },
    });
    changed = true;
  }
  if (!changed) return ignore('no new excursion');
  return change({ ...s, excursions, updatedAt: now.toISOString() }, events);
};
