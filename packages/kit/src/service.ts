import type { Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { Connection, mongo } from 'mongoose';
import type { z } from 'zod';
import type { AuthSettings } from './auth';
import { baseConfigSchema, ConfigError, loadConfig, type BaseConfig } from './config';
import type { Api } from './http/api';
import { registerAdminRoutes } from './http/admin-routes';
import { AuditLog } from './admin/audit';
import { createHttpApp } from './http/app';
import { createKafka, createProducer } from './kafka/client';
import { ensureTopics } from './kafka/topics';
import { runConsumer, type ConsumerOptions, type RunningConsumer } from './kafka/consumer';
import { EventPublisher } from './kafka/publisher';
import { createLogger, type Logger } from './logger';
import { initTelemetry } from './telemetry/setup';
import { connectMongo, pingMongo } from './mongo/connect';
import { OutboxRelay } from './mongo/outbox';

export interface ServiceDeps<C extends BaseConfig> {
  config: C;
  /** How the service's Api verifies bearer tokens: identity's keys (AUTH_JWKS_URL), AUTH_ISSUER, AUTH_AUDIENCE. */
  auth: AuthSettings;
  log: Logger;
  db: Connection;
  kafka: Kafka;
  producer: Producer;
  publisher: EventPublisher;
  /**
   * Consume the logical topics with this handler (the service's event handler), in the service's consumer group
   * (CONSUMER_GROUP, default TOPIC_PREFIX + name); the topics are created if missing.
   */
  consume: (topics: string[], handle: ConsumerOptions['handle']) => Promise<RunningConsumer>;
  /** The system clock (the use cases' UseCaseDeps.clock). */
  clock: () => Date;
  /** The audit trail of operator actions, in this service's database (its indexes exist). */
  audit: AuditLog;
  /** The outbox relay over these collections: this service's publisher and log, a scan every OUTBOX_SCAN_MS. */
  outboxRelay: (collections: mongo.Collection<mongo.Document>[]) => OutboxRelay;
}

export interface Background {
  name: string;
  stop: () => Promise<void>;
}

export interface ServiceParts {
  api: Api;
  /** Topics this service publishes to: created at start-up (with the topics it consumes, which runConsumer creates). */
  produces?: string[];
  relay?: OutboxRelay;
  /** Started after the HTTP server listens; stopped first on shutdown. */
  start?: () => Promise<Array<RunningConsumer | Background>>;
}

export interface RunOptions {
  /**
   * 'jwks' (every service but identity): tokens are verified with identity's published keys, so AUTH_JWKS_URL is
   * required. 'own': the service signs the tokens itself (identity) and gives its Api the keys.
   */
  tokenKeys?: 'jwks' | 'own';
}

export interface RunningService {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/** Readiness of the broker: a metadata round trip with no retries, so /ready answers quickly. */
const brokerProbe = (brokers: string[]) => {
  const kafka = new Kafka({
    clientId: 'ready-probe',
    brokers,
    connectionTimeout: 1000,
    requestTimeout: 1500,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  return async (): Promise<boolean> => {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return true;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  };
};

/**
 * Listen, or fail with what to do: Express 5 hands a listen error to the callback, and the server then has no address
 * (reading its port crashed the service with "Cannot read properties of null").
 */
const listen = (app: Express, host: string, port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => {
      if (!err) return resolve(server);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        const why = code === 'EADDRINUSE' ? 'is in use by another process' : code === 'EACCES' ? 'needs privileges' : 'is not an address of this machine';
        reject(new ConfigError(['PORT', 'HOST'], `cannot listen on ${host}:${port}: it ${why} (${code}); set PORT (and HOST) to a free one, or 0 for any`));
      } else reject(err);
    });
  });

/**
 * The composition root shared by every service: config -> db -> kafka -> http + consumers + relay,
 * and a graceful stop in the reverse order (stop accepting, stop consuming, flush the outbox, close).
 */
export const runService = async <S extends z.ZodObject>(
  name: string,
  schema: S,
  env: NodeJS.ProcessEnv,
  build: (deps: ServiceDeps<z.infer<S> & BaseConfig>) => Promise<ServiceParts>,
  options: RunOptions = {},
): Promise<RunningService> => {
  const config = loadConfig(baseConfigSchema.extend(schema.shape), env) as z.infer<S> & BaseConfig;
  if (!config.AUTH_JWKS_URL && options.tokenKeys !== 'own') {
    throw new ConfigError(
      ['AUTH_JWKS_URL'],
      "invalid configuration: AUTH_JWKS_URL: required (identity's key set, http://<identity>/.well-known/jwks.json)",
    );
  }
  // Before anything connects: the Mongo client and the Kafka code read whether telemetry is on.
  const telemetry = initTelemetry({
    serviceName: name,
    disabled: config.OTEL_SDK_DISABLED,
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
    sampleRatio: config.OTEL_TRACES_SAMPLER_ARG,
  });
  const log = createLogger(name, config.LOG_LEVEL);
  const db = await connectMongo(config.MONGO_URL, config.MONGO_POOL_SIZE, {
    countCommands: config.MONGO_COMMAND_STATS === 'on',
  });
  const kafka = createKafka(`ftt-${name}`, config.KAFKA_BROKERS, log);
  const producer = createProducer(kafka);
  await producer.connect();
  const publisher = new EventPublisher(producer, config.TOPIC_PREFIX);
  const auth: AuthSettings = {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    jwks: config.AUTH_JWKS_URL
      ? { url: config.AUTH_JWKS_URL, cooldownMs: config.AUTH_JWKS_COOLDOWN_MS, maxAgeMs: config.AUTH_JWKS_MAX_AGE_MS }
      : undefined,
  };
  const groupId = config.CONSUMER_GROUP ?? `${config.TOPIC_PREFIX}${name}`;
  const consume = (topics: string[], handle: ConsumerOptions['handle'] & { actsOn?: ReadonlySet<string> }) =>
    runConsumer({ kafka, producer, groupId, topicPrefix: config.TOPIC_PREFIX, topics, log, handle, actsOn: handle.actsOn });
  const clock = () => new Date();
  const outboxRelay = (collections: mongo.Collection<mongo.Document>[]) =>
    new OutboxRelay({ collections, publisher, log, pollMs: config.OUTBOX_SCAN_MS, releaseDelayMs: config.OUTBOX_RELEASE_DELAY_MS });
  const audit = AuditLog.of(db);
  await audit.ensureIndexes();
  const parts = await build({ config, auth, log, db, kafka, producer, publisher, consume, clock, outboxRelay, audit });
  let running: Array<RunningConsumer | Background> = [];
  registerAdminRoutes(parts.api, {
    kafka,
    producer,
    topicPrefix: config.TOPIC_PREFIX,
    relay: parts.relay,
    groupId,
    audit,
    consumedTopics: () => running.flatMap((r) => ('topics' in r ? r.topics : [])),
    consumerGroups: () => running.flatMap((r) => ('topics' in r ? [{ groupId: r.groupId, topics: r.topics }] : [])),
  });
  const brokerReady = brokerProbe(config.KAFKA_BROKERS);
  const app = createHttpApp({
    name,
    log,
    api: parts.api,
    bodyLimit: config.BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    ready: async () => {
      const [database, broker] = await Promise.all([pingMongo(db), brokerReady()]);
      return { database, broker };
    },
  });
  const server = await listen(app, config.HOST, config.PORT).catch(async (err: unknown) => {
    // Nothing consumes or publishes yet: close what is open, so a caller (a test) can start again.
    await producer.disconnect().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw err;
  });
  server.keepAliveTimeout = 5000;
  const port = (server.address() as AddressInfo).port;
  if (parts.produces?.length) await ensureTopics(kafka, config.TOPIC_PREFIX, parts.produces);
  parts.relay?.start();
  // audit entries written with their actions and left on the documents by a crash (see AuditLog.watch)
  const auditRecovery = audit.startRecovery(log, config.OUTBOX_SCAN_MS);
  running = (await parts.start?.()) ?? [];
  log.info({ port, host: config.HOST }, 'service listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('stopping');
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      for (const r of running) await r.stop().catch((err: unknown) => log.warn({ err }, 'stop failed'));
      await closed;
      await parts.relay?.stop();
      await auditRecovery.stop();
      await producer.disconnect().catch(() => undefined);
      await db.close();
      await telemetry.flush();
      log.info('stopped');
    })());
  return { url: `http://${config.HOST}:${port}`, port, stop };
};

/**
 * For main.ts: run, stop gracefully on SIGTERM/SIGINT, exit non-zero with the reason on bad config. An uncaught
 * exception or unhandled rejection leaves the process in an unknown state: it is logged and the process exits
 * (code 70), so the supervisor restarts it; nothing is lost, since state and events are written together and
 * offsets are committed only after success.
 */
export const main = (start: () => Promise<RunningService>): void => {
  const crash = (kind: string) => (err: unknown) => {
    console.error(
      JSON.stringify({
        level: 60,
        time: new Date().toISOString(),
        msg: `${kind}; exiting`,
        err: String((err as Error)?.stack ?? err),
      }),
    );
    process.exit(70);
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled rejection'));
  start()
    .then((svc) => {
      const shutdown = () => {
        svc.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
    })
    .catch((err: Error & { variables?: string[] }) => {
      console.error(err.name === 'ConfigError' ? err.message : err.stack);
      process.exit(1);
    });
};
