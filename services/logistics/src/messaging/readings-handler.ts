import type { TypedEnvelope } from '@ftt/contracts';
import { eventCause, eventHandler, type EventSteps } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { recordReadings, recordReadingsBatch, type ReadingsRecorded } from '../use-cases/readings';

const READINGS = 'ftt.logistics.device.readings_recorded.v1';
const SLOW_BATCH_MS = 250;

/** The readings topic's consumer: a logger's batch -> its shipments' buckets and excursions (use-cases/readings.ts). */
const STEPS: EventSteps<Context> = {
  [READINGS]: async (ctx, data, cause, event) => {
    const r = await recordReadings(ctx, data, cause);
    ctx.log.debug({ deviceId: data.deviceId, eventId: event.id, ...r }, 'readings recorded');
  },
};

export const createReadingsHandler = (ctx: Context) => eventHandler(ctx, STEPS);

/**
 * The consumer's batch path (runConsumer's handleBatch): a fetched batch of a partition's reading events at once,
 * so buckets, lookups and the detector cost once per batch instead of once per event. When a batch keeps failing,
 * the kit falls back to createReadingsHandler one event at a time (and dead-letters only the poisonous one).
 */
export const createReadingsBatchHandler = (ctx: Context) => async (events: TypedEnvelope[]) => {
  const items: ReadingsRecorded[] = [];
  for (const e of events) if (e.type === READINGS) items.push({ data: e.data, cause: eventCause(e) });
  if (items.length === 0) return;
  const started = performance.now();
  const r = await recordReadingsBatch(ctx, items);
  const ms = Math.round(performance.now() - started);
  // A slow batch holds up its partition: worth seeing at the production log level.
  if (ms >= SLOW_BATCH_MS) ctx.log.info({ events: items.length, ms, ...r }, 'slow readings batch');
  else ctx.log.debug({ events: items.length, ms, ...r }, 'readings batch recorded');
};
