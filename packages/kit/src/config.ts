import { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly variables: string[],
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parse configuration from the environment once, at start-up. A missing or malformed variable
 * throws a ConfigError naming it, so the process stops before it listens.
 */
export const loadConfig = <S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> => {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const variables = [...new Set(result.error.issues.map((i) => i.path.join('.')))];
  throw new ConfigError(variables, `invalid configuration: ${problems.join('; ')}`);
};

/** Variables every service reads. Secrets have no default on purpose. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .transform((s) => s.split(',').map((b) => b.trim()))
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'host:port list'))),
  TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/)
    .default(''),
  /**
   * Consumer group id; default TOPIC_PREFIX + the service's name. A new group reads every topic from the
   * beginning: how operators (and the redelivery test) replay the saga into a service.
   */
  CONSUMER_GROUP: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[a-zA-Z0-9._-]+$/)
      .optional(),
  ),
  /**
   * identity's key set (http://<identity>/.well-known/jwks.json): the only keys bearer tokens are verified with
   * (EdDSA, ES256). Required by every service but identity, which verifies with its own keys; no service holds a
   * signing secret.
   */
  AUTH_JWKS_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  /** Least time between two fetches of the key set; a token with an unknown `kid` fetches again after it. */
  AUTH_JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  /** A fetched key set is used this long before it is fetched again (if identity is down, it is used on). */
  AUTH_JWKS_MAX_AGE_MS: z.coerce.number().int().min(1000).max(86_400_000).default(600_000),
  AUTH_ISSUER: z.string().min(1).default('fieldtotable'),
  AUTH_AUDIENCE: z.string().min(1).default('fieldtotable-api'),
  BODY_LIMIT: z.string().default('100kb'),
  /**
   * Which peers' X-Forwarded-For names the client (express's 'trust proxy': `loopback`, addresses or CIDRs, comma
   * separated): the web server (web/server) in front of identity, so its per-client rate limits count each browser and
   * not the web server. Empty: the socket's address, a client's own header is ignored.
   */
  TRUST_PROXY: z.string().default(''),
  /**
   * Connections to the database per process (the server runs concurrent operations; updates are atomic). 20, as the
   * deploy manifests set it: consumers handle several keys at once, and with 10 their writes queued for a connection
   * under load (bench:saga at 35/s: p50 POST->confirmed 1.9 s with 10, 0.6 s with 25).
   */
  MONGO_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(20),
  /**
   * How often the outbox relay looks for events a crash or a failed publish left behind. Writes publish at once
   * (kick), so this is only the safety net; each look reads the partial outbox index (the backlog's size).
   */
  OUTBOX_SCAN_MS: z.coerce.number().int().min(50).max(600_000).default(10_000),
  /**
   * How long published events stay on their document before the relay releases them (0: at once). The document's
   * next write in the process releases them in that write instead: the saga's next step usually comes sooner.
   */
  OUTBOX_RELEASE_DELAY_MS: z.coerce.number().int().min(0).max(2_500).default(1_000),
  /** 'on' counts database commands by name in the metric db_commands_total (the bench's operations per order). */
  MONGO_COMMAND_STATS: z.enum(['on', 'off']).default('off'),
  /** Telemetry (OpenTelemetry's own variable names). 'true' turns tracing, metrics and /metrics off. */
  OTEL_SDK_DISABLED: z
    .enum(['true', 'false', 'TRUE', 'FALSE', ''])
    .default('false')
    .transform((v) => v.toLowerCase() === 'true'),
  /** OTLP/HTTP collector base URL (…:4318); traces and metrics are pushed there. Unset: none are pushed. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.union([z.url(), z.literal('')]).optional(),
  /** Share of new traces recorded, 0..1 (a caller's sampled trace is always continued). */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
});
export type BaseConfig = z.infer<typeof baseConfigSchema>;
