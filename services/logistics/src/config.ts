import { z } from 'zod';

/** Logistics' own variables (the kit adds the shared ones: PORT, MONGO_URL, KAFKA_BROKERS, AUTH_*). */
export const configSchema = z.object({
  /** Base of the https identifiers in EPCIS exports (locations, parties, product lots). */
  TRACE_ID_BASE: z.url({ protocol: /^https$/ }).default('https://id.fieldtotable.example'),
  /**
   * The web app's public address: box labels' QR codes point at its trace page (`<APP_URL>/01/<product>/10/<lot>/21/<serial>`).
   */
  APP_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:5173'),
  /** How many open shipments a partner sees at once. */
  OPEN_SHIPMENTS_LIMIT: z.coerce.number().int().min(1).max(500).default(100),
  /** A logger's excursion: this long outside the lot's range (first to last reading outside)... */
  EXCURSION_MIN_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(86_400_000)
    .default(15 * 60_000),
  /** ...with no two readings further apart than this (a longer gap ends the stretch). */
  EXCURSION_MAX_GAP_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(86_400_000)
    .default(10 * 60_000),
  /** Points per logger in a temperature curve (trace page, tracking, EPCIS sensor reports). */
  CURVE_POINTS: z.coerce.number().int().min(10).max(2_000).default(240),
  /**
   * Partitions of the readings topic when this process creates it (an existing topic keeps its own; it is keyed by
   * device id). The readings consumer handles as many at once. Logistics and the ingest must agree.
   */
  READINGS_PARTITIONS: z.coerce.number().int().min(1).max(64).default(6),
  /** How long the readings consumer trusts what it read of a device's attachments and a shipment's state. */
  COLD_CHAIN_MEMO_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
});
export type LogisticsConfig = z.infer<typeof configSchema>;
