import { z } from 'zod';

/** The ingest's own variables (the kit adds the shared ones: PORT, MONGO_URL, KAFKA_BROKERS, AUTH_*). */
export const ingestConfigSchema = z.object({
  /** How far ahead of the ingest's clock a reading may be (loggers' clocks drift). The simulator raises it. */
  READINGS_MAX_FUTURE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000)
    .default(5 * 60_000),
  /** How old a reading may be (a logger that was offline uploads its backlog). */
  READINGS_MAX_AGE_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .max(30 * 86_400_000)
    .default(7 * 86_400_000),
  /** Batches arriving within this many ms share one produce request to the broker. */
  INGEST_LINGER_MS: z.coerce.number().int().min(0).max(100).default(3),
  /** How long a verified device's credentials are kept in memory. */
  DEVICE_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
});
