import {
  createEvent,
  fromWire,
  type EventData,
  type EventType,
  type TypedEnvelope,
  toWire,
} from '@ftt/contracts';
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { mintToken, type Principal } from './auth';
import { connectMongo } from './mongo/connect';
import type { RunningService } from './service';
import { randomBytes } from 'node:crypto';

/**
 * Endpoints for tests: from the environment when given (another CI, testcontainers), else the
 * native servers the global setup started. Every call gets its own database and topic prefix,
 * so tests in parallel workers never see each other's data.
 */
export const testEnv = (label: string) => {
  const run = `${label.replace(/[^a-z0-9]/gi, '').slice(0, 12)}_${randomBytes(4).toString('hex')}`;
  const mongo = new URL(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017');
  mongo.pathname = `/t_${run}`;
  const env = {
    run,
    kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    mongoUrl: mongo.toString(),
    topicPrefix: `t.${run}.`,
    stripeApiBase: process.env.STRIPE_API_BASE ?? 'http://127.0.0.1:12111',
    jwtSecret: 'test-secret-for-this-run-only-0123456789abcdef',
  };
  return {
    ...env,
    auth: { secret: env.jwtSecret, issuer: 'fieldtotable', audience: 'fieldtotable-api' },
    /** The environment a service under test is started with. */
    serviceEnv: (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      MONGO_URL: env.mongoUrl,
      KAFKA_BROKERS: env.kafkaBrokers,
      TOPIC_PREFIX: env.topicPrefix,
      AUTH_JWT_SECRET: env.jwtSecret,
      ...extra,
    }),
  };
};

export const token = (t: ReturnType<typeof testEnv>, p: Principal, expiresIn: string | number = '1h') =>
  mintToken(p, t.auth, expiresIn);

/**
 * Test-side Kafka: publish contract events into a run's topics and record everything that appears
 * on them (including dead letters), to assert on emitted events.
 */
export class EventProbe {
  readonly events: TypedEnvelope[] = [];
  readonly raw: { topic: string; key: string | null; headers: Record<string, string>; value: string }[] = [];
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;
  private producerReady: Promise<Producer> | undefined;
  private readonly kafka: Kafka;

  constructor(private readonly t: ReturnType<typeof testEnv>) {
    this.kafka = new Kafka({
      clientId: `probe-${t.run}`,
      brokers: t.kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 8, initialRetryTime: 100 },
    });
  }

  /** Subscribe to logical topics (and their .dlq) from the beginning. Creates the topics first. */
  async listen(topics: string[]): Promise<this> {
    const full = topics.flatMap((x) => [this.t.topicPrefix + x, `${this.t.topicPrefix + x}.dlq`]);
    const admin = this.kafka.admin();
    await admin.connect();
    // A fresh KRaft topic can briefly answer UNKNOWN_TOPIC_OR_PARTITION while kafkajs waits for its
    // leaders (kafkajs only retries LEADER_NOT_AVAILABLE): tolerate it, then wait for the metadata.
    await admin
      .createTopics({ topics: full.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true })
      .catch((err: { type?: string }) => {
        if (err.type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw err;
      });
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.fetchTopicMetadata({ topics: full });
        break;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
    await admin.disconnect();
    this.consumer = this.kafka.consumer({
      groupId: `probe-${this.t.run}-${Math.random()}`,
      maxWaitTimeInMs: 50,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: full, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]),
        );
        this.raw.push({
          topic,
          key: message.key?.toString() ?? null,
          headers,
          value: message.value?.toString() ?? '',
        });
        if (!topic.endsWith('.dlq')) {
          const d = fromWire({ value: message.value, headers: message.headers ?? {} });
          if (d.ok) this.events.push(d.event);
        }
      },
    });
    return this;
  }

  async send<T extends EventType>(
    type: T,
    data: EventData<T>,
    opts: { id?: string; correlationid?: string } = {},
  ) {
    const e = createEvent(type, data, {
      source: '/test',
      correlationid: opts.correlationid ?? 'test',
      ...(opts.id ? { id: opts.id } : {}),
    });
    await this.sendRaw(e.topic, toWire(e.key, e.envelope));
    return e.envelope;
  }

  async sendRaw(topic: string, msg: { key: string; value: string; headers: Record<string, string> }) {
    // One connect shared by concurrent senders: a second send must not use the producer before it is connected.
    this.producerReady ??= (async () => {
      const producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      this.producer = producer;
      return producer;
    })();
    const producer = await this.producerReady;
    await producer.send({ topic: this.t.topicPrefix + topic, messages: [msg] });
  }

  of<T extends EventType>(type: T): Extract<TypedEnvelope, { type: T }>[] {
    return this.events.filter((e) => e.type === type) as Extract<TypedEnvelope, { type: T }>[];
  }

  deadLetters(topic: string) {
    return this.raw.filter((r) => r.topic === `${this.t.topicPrefix + topic}.dlq`);
  }

  async close() {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }
}

/** Poll until the check passes (returns a truthy value) or the time is up; the last error is rethrown. */
export const eventually = async <T>(
  check: () => T | Promise<T>,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<NonNullable<T>> => {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
      last = new Error('condition not met');
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw last;
    await new Promise((r) => setTimeout(r, everyMs));
  }
};

/** A service's reply in a test: status, raw text and content type, and the body parsed when it is JSON. */
export interface TestReply {
  status: number;
  text: string;
  type: string;
  /** Asserted field by field in the tests; typing every view a second time would only drift. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Calls the service at `baseUrl` as `who` (a token of this run's auth settings; none: anonymous), with a JSON body when given. */
export const httpCaller =
  (t: ReturnType<typeof testEnv>, baseUrl: string) =>
  async (method: string, path: string, who?: Principal, body?: unknown): Promise<TestReply> => {
    const headers: Record<string, string> = {};
    if (who) headers.authorization = `Bearer ${await token(t, who)}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(baseUrl + path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    const type = r.headers.get('content-type') ?? '';
    return { status: r.status, text, type, body: /json/.test(type) && text ? JSON.parse(text) : undefined };
  };

/** A service started in-process for a test: its events on the probe, its database, and calls to its HTTP API. */
export interface ServiceUnderTest {
  t: ReturnType<typeof testEnv>;
  svc: RunningService;
  probe: EventProbe;
  db: Connection;
  call: (method: string, path: string, who?: Principal, body?: unknown) => Promise<TestReply>;
  stop: () => Promise<void>;
}

/** Listens on `topics` first (so nothing the service writes at start-up is missed), then starts the service. */
export const startServiceUnderTest = async (
  t: ReturnType<typeof testEnv>,
  topics: string[],
  start: () => Promise<RunningService>,
): Promise<ServiceUnderTest> => {
  const probe = await new EventProbe(t).listen(topics);
  const svc = await start();
  const db = await connectMongo(t.mongoUrl);
  return {
    t,
    svc,
    probe,
    db,
    call: httpCaller(t, svc.url),
    stop: async () => {
      await svc.stop();
      await probe.close();
      await db.close();
    },
  };
};
