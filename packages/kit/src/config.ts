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
  /** 'production' refuses the test-only switches (fault injection, demo people). */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** The HTTP port (0: any free one, as the tests use). */
  PORT: z.coerce.number().int().min(0).max(65535),
  /** The address the HTTP server listens on. */
  HOST: z.string().default('127.0.0.1'),
  /** pino's level of the structured JSON log. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The service's own database (each service has one). */
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
  /** Comma-separated host:port list of the Kafka brokers. */
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .transform((s) => s.split(',').map((b) => b.trim()))
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'host:port list'))),
  /** Put before every topic name (a test run or an environment of its own on a shared cluster). */
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
  /** The `iss` every bearer token must carry (identity signs with it). */
  AUTH_ISSUER: z.string().min(1).default('fieldtotable'),
  /** The `aud` every bearer token must carry. */
  AUTH_AUDIENCE: z.string().min(1).default('fieldtotable-api'),
  /** Largest JSON request body (express's notation); uploads have limits of their own. */
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
  /**
   * How often a service's sweeper looks for work that nothing else will start: expiries, steps a crash left half done,
   * retries, digests (catalog, orders, notifications; the others have none).
   */
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  /**
   * The web app's address: links in mails and invitations, the one other origin allowed to send identity cookies, and
   * where Stripe's onboarding returns a farmer (`APP_URL/farmer?payout=done`), and what box labels' QR codes open
   * (`<APP_URL>/01/<product>/10/<lot>/21/<serial>`, logistics).
   */
  APP_URL: z.url().default('http://127.0.0.1:5173'),
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

/** One variable of a config schema as the docs show it (scripts/gen-config-docs.ts). */
export interface ConfigVariable {
  name: string;
  /** As it is written in the environment; undefined: no default. */
  default?: string | undefined;
  /** Without a default, whether the process refuses to start when it is unset. */
  required: boolean;
  /** What it takes, in a few words ('integer 1..86400', '`on`, `off`', 'URL'). */
  accepts: string;
}

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  default?: unknown;
  anyOf?: JsonSchema[];
};

const accepts = (j: JsonSchema): string => {
  if (j.anyOf) return [...new Set(j.anyOf.map(accepts).filter(Boolean))].join(' or ');
  if (j.enum) return j.enum.map((v) => (v === '' ? 'empty' : `\`${String(v)}\``)).join(', ');
  if (j.const !== undefined) return j.const === '' ? 'empty' : `\`${String(j.const)}\``;
  // zod's int() bounds are the safe integers: no bound worth saying.
  const min = j.minimum !== undefined && j.minimum > Number.MIN_SAFE_INTEGER ? j.minimum : undefined;
  const max = j.maximum !== undefined && j.maximum < Number.MAX_SAFE_INTEGER ? j.maximum : undefined;
  const range = (what: string) =>
    j.exclusiveMinimum === 0 && max === undefined
      ? `positive ${what}`
      : min !== undefined && max !== undefined
        ? `${what} ${min}..${max}`
        : min !== undefined
          ? `${what} ≥ ${min}`
          : max !== undefined
            ? `${what} ≤ ${max}`
            : what;
  if (j.type === 'integer') return range('integer');
  if (j.type === 'number') return range('number');
  if (j.type === 'boolean') return 'boolean';
  if (j.format === 'uri') return 'URL';
  if (j.pattern) return `text matching \`${j.pattern}\``;
  if (j.minLength) return `text, ${j.minLength}+ characters`;
  return 'text';
};

/** The variables of a config schema, in declaration order, from its JSON Schema as input (what the environment holds). */
export const configVariables = (schema: z.ZodObject): ConfigVariable[] => {
  const j = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(j.properties).map(([name, p]) => ({
    name,
    default: p.default === undefined ? undefined : String(p.default),
    // What an unset variable does: a default, nothing (optional), or a refusal to start.
    required: !(schema.shape[name] as z.ZodType).safeParse(undefined).success,
    accepts: accepts(p),
  }));
};
