import { z } from 'zod';

/** Logistics' own variables (the kit adds the shared ones: PORT, MONGO_URL, KAFKA_BROKERS, AUTH_*). */
export const configSchema = z.object({
  /** Base of the https identifiers in EPCIS exports (locations, parties, product lots). */
  TRACE_ID_BASE: z.url({ protocol: /^https$/ }).default('https://id.fieldtotable.example'),
  /** How many open shipments a partner sees at once. */
  OPEN_SHIPMENTS_LIMIT: z.coerce.number().int().min(1).max(500).default(100),
});
export type LogisticsConfig = z.infer<typeof configSchema>;
