import { eventHandler, type EventSteps } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { recordReadings } from '../use-cases/readings';

/** The readings topic's consumer: a logger's batch -> its shipments' buckets and excursions (use-cases/readings.ts). */
const STEPS: EventSteps<Context> = {
  'ftt.logistics.device.readings_recorded.v1': async (ctx, data, cause, event) => {
    const r = await recordReadings(ctx, data, cause);
    ctx.log.debug({ deviceId: data.deviceId, eventId: event.id, ...r }, 'readings recorded');
  },
};

export const createReadingsHandler = (ctx: Context) => eventHandler(ctx, STEPS);
