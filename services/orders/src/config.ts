import { TAX_RATES } from './domain/receipts/tax-rates';
import { ConfigError } from '@ftt/kit';
import { z } from 'zod';
import { FAULT_POINTS, type FaultPoint } from './fault';

const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional());
const seconds = (def: number) => z.coerce.number().int().positive().default(def);

/** orders' own variables, merged with the kit's base schema. Secrets have no default. */
export const configSchema = z.object({
  /** Without it the built-in "simulated" provider is used, so the demo runs offline. */
  STRIPE_SECRET_KEY: optionalText,
  /** Verifies Stripe's webhook signatures; required with STRIPE_SECRET_KEY. */
  STRIPE_WEBHOOK_SECRET: optionalText,
  /** e.g. http://127.0.0.1:12111 for stripe-mock; unset for api.stripe.com. */
  STRIPE_API_BASE: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  /** How long an order waits for stock and then for payment before it expires. */
  PAYMENT_TIMEOUT_SECONDS: seconds(900),
  /** The delivery fee per farm shipment, in minor units, where no published delivery offer prices it. */
  DELIVERY_FEE_MINOR: z.coerce.number().int().nonnegative().default(495),
  /** The platform's fee on each farm's goods, in basis points (500 = 5 %). */
  PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(500),
  /**
   * The market of orders stored before markets were data (issue #31): their receipts' tax rates, currency and time zone
   * are this published market's (bundled: nl, be), as they were this table's before.
   */
  TAX_MARKET: z.enum(Object.keys(TAX_RATES) as [string, ...string[]]).default('nl'),
  /**
   * Backpressure: POST /orders answers 503 with Retry-After while orders placed and not yet answered by catalog,
   * this service's consumer lag, or its outbox backlog is past its bound (read every second). An order accepted
   * past capacity would only expire later. The bounds are about a second or two of work at this machine's capacity,
   * so an overload is refused early enough for the latency to come back within seconds once it ends.
   */
  ADMIT_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(100),
  /** The bound on this service's consumer lag (messages). */
  ADMIT_MAX_CONSUMER_LAG: z.coerce.number().int().positive().default(200),
  /** The bound on events written and not yet published. */
  ADMIT_MAX_OUTBOX_BACKLOG: z.coerce.number().int().positive().default(200),
  /** The Retry-After of a refused POST /orders. */
  ADMIT_RETRY_AFTER_SECONDS: z.coerce.number().int().positive().default(5),
  /** Delay before the sweeper retries provider work (refunds, payouts) the request path did not finish. */
  FOLLOW_UP_DELAY_SECONDS: seconds(30),
  /**
   * Test-only fault injection: comma-separated points at which the process SIGKILLs itself (see
   * src/fault.ts). Refused when NODE_ENV=production, so it is inert there.
   */
  FTT_FAULT: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean))
    .pipe(z.array(z.enum(FAULT_POINTS))),
});
export type OrdersConfig = z.infer<typeof configSchema> & { NODE_ENV: string };

/** Rules across variables, which runService's shape-only merge cannot express: checked before anything starts. */
export const checkConfig = (c: OrdersConfig): void => {
  if (c.STRIPE_SECRET_KEY && !c.STRIPE_WEBHOOK_SECRET) {
    throw new ConfigError(['STRIPE_WEBHOOK_SECRET'], 'invalid configuration: STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY');
  }
  if (c.FTT_FAULT.length && c.NODE_ENV === 'production') {
    throw new ConfigError(['FTT_FAULT'], 'invalid configuration: FTT_FAULT (fault injection) is not allowed in production');
  }
};

export const faultPoints = (c: OrdersConfig): ReadonlySet<FaultPoint> => new Set(c.FTT_FAULT);
