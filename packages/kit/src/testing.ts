import {
  createEvent,
  fromWire,
  type EventData,
  type EventType,
  type Membership,
  type TypedEnvelope,
  toWire,
} from '@ftt/contracts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { AuthSettings, Principal } from './auth';
import { demoFarmId } from './demo-users';
import { ensureTopics } from './kafka/topics';
import { connectMongo } from './mongo/connect';
import type { RunningService } from './service';
import { randomBytes } from 'node:crypto';

/**
 * The test harness's own token authority: an Ed25519 key pair that exists only in this test process, and a tiny JWKS
 * server on 127.0.0.1 (port 0) that publishes its public half. Services under test are started with AUTH_JWKS_URL
 * pointing at it (`serviceEnv`), so `token()` signs what they accept, exactly as identity's tokens are verified
 * (EdDSA, kid, issuer, audience, expiry): no shared secret anywhere. Each run has its own key set path, which can also
 * publish the keys of a real identity (`trustIdentity`, the browser suites sign people in through it) or stop
 * answering (`jwksOutage`, identity down).
 */
interface Authority {
  base: string;
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  upstreams: Map<string, string[]>;
  down: Set<string>;
  server: Server;
}

const AUTHORITY = Symbol.for('ftt.test-authority');

const upstreamKeys = async (urls: readonly string[]): Promise<JWK[]> => {
  const sets = await Promise.all(
    urls.map(async (url) => {
      try {
        // well inside the services' own wait for this key set (5 s, auth-jwks.ts): a slow identity leaves its keys
        // out of this answer (a token of its is asked for again by kid) rather than making the whole answer late
        const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
        if (!r.ok) return [];
        return ((await r.json()) as { keys?: JWK[] }).keys ?? [];
      } catch {
        return [];
      }
    }),
  );
  return sets.flat();
};

const startAuthority = async (): Promise<Authority> => {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const kid = `test-harness-${randomBytes(4).toString('hex')}`;
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  const upstreams = new Map<string, string[]>();
  const down = new Set<string>();
  const server = createServer((req, res) => {
    const m = /^\/runs\/([A-Za-z0-9_.-]+)\/jwks\.json$/.exec(req.url ?? '');
    if (!m || req.method !== 'GET') {
      res.statusCode = 404;
      return res.end();
    }
    const run = m[1]!;
    if (down.has(run)) {
      res.statusCode = 503;
      return res.end();
    }
    void upstreamKeys(upstreams.get(run) ?? []).then((keys) => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('cache-control', 'no-store');
      res.end(JSON.stringify({ keys: [publicJwk, ...keys] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // The authority lives as long as the test process; it must not keep the process alive.
  server.unref();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, kid, privateKey, publicJwk, upstreams, down, server };
};

const registry = globalThis as unknown as Record<symbol, Promise<Authority> | undefined>;
/** One authority per test process (a re-evaluated module finds the one already listening). */
const authority: Authority = await (registry[AUTHORITY] ??= startAuthority());

/** The harness key's public half (as the JWKS publishes it): hostile tests forge tokens against it. */
export const testSigningKey = (): { kid: string; publicJwk: JWK } => ({
  kid: authority.kid,
  publicJwk: authority.publicJwk,
});

export const TEST_ISSUER = 'fieldtotable';
export const TEST_AUDIENCE = 'fieldtotable-api';

/**
 * Endpoints for tests: from the environment when given (another CI, testcontainers), else the
 * native servers the global setup started. Every call gets its own database and topic prefix,
 * so tests in parallel workers never see each other's data.
 */
export const testEnv = (label: string) => {
  const run = `${label.replace(/[^a-z0-9]/gi, '').slice(0, 12)}_${randomBytes(4).toString('hex')}`;
  const mongo = new URL(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017');
  mongo.pathname = `/t_${run}`;
  const jwksUrl = `${authority.base}/runs/${run}/jwks.json`;
  const env = {
    run,
    kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    mongoUrl: mongo.toString(),
    topicPrefix: `t.${run}.`,
    stripeApiBase: process.env.STRIPE_API_BASE ?? 'http://127.0.0.1:12111',
    /** The key set services of this run verify tokens with (AUTH_JWKS_URL): the harness key, and identity's when trusted. */
    jwksUrl,
  };
  const auth: AuthSettings = {
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    jwks: { url: jwksUrl, cooldownMs: 0, maxAgeMs: 600_000 },
  };
  return {
    ...env,
    auth,
    /** Publish identity's keys (its /.well-known/jwks.json) in this run's key set too: its tokens are accepted as well. */
    trustIdentity: (identityJwksUrl: string): void => {
      authority.upstreams.set(run, [...(authority.upstreams.get(run) ?? []), identityJwksUrl]);
    },
    /** The key set stops answering (503) while `on`: what services see when identity is down. */
    jwksOutage: (on: boolean): void => {
      if (on) authority.down.add(run);
      else authority.down.delete(run);
    },
    /** The environment a service under test is started with. */
    serviceEnv: (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      MONGO_URL: env.mongoUrl,
      KAFKA_BROKERS: env.kafkaBrokers,
      TOPIC_PREFIX: env.topicPrefix,
      AUTH_JWKS_URL: jwksUrl,
      // A key identity makes after the first fetch (its first sign-in) is fetched at once, not after 30 s.
      AUTH_JWKS_COOLDOWN_MS: '0',
      // Farms of harness tokens were never approved in identity: catalog lets them publish unless a test says
      // FARM_APPROVAL: 'required' (the onboarding tests do).
      FARM_APPROVAL: 'off',
      ...extra,
    }),
  };
};
export type TestEnv = ReturnType<typeof testEnv>;

/** The roles of the time before memberships: a shorthand the tests still write (`testMemberships` turns them into memberships). */
export type TestRole = 'buyer' | 'farmer' | 'logistics' | 'admin';

/**
 * Who a test acts as: a person id with either memberships (as identity would sign them) or a role shorthand
 * (+ region for a logistics partner), which `testMemberships` expands.
 */
export interface TestPrincipal {
  userId: string;
  role?: TestRole | undefined;
  name?: string | undefined;
  region?: string | undefined;
  memberships?: readonly Membership[] | undefined;
}

/** A partner without a region serves two (and so must name one where a region is asked for). */
export const TEST_DEFAULT_REGIONS = ['Gelderland', 'Utrecht'];

/**
 * The memberships a test principal stands for, by the rule the demo people follow too (demo-users.ts): a farmer owns
 * the farm `farm-<userId>`, a logistics partner manages the partner `<userId>` in its region, an admin is an operator;
 * everybody shops.
 */
export const testMemberships = (p: TestPrincipal): Membership[] => {
  if (p.memberships) return [...p.memberships];
  const buyer: Membership = { kind: 'buyer' };
  switch (p.role ?? 'buyer') {
    case 'buyer':
      return [buyer];
    case 'farmer':
      return [buyer, { kind: 'farm', farmId: demoFarmId(p.userId), role: 'owner' }];
    case 'logistics':
      return [
        buyer,
        {
          kind: 'partner',
          partnerId: p.userId,
          role: 'manager',
          regions: p.region ? [p.region] : TEST_DEFAULT_REGIONS,
        },
      ];
    case 'admin':
      return [buyer, { kind: 'operator' }];
  }
};

/** The principal a service derives from the token of `p` (for tests that call use cases directly). */
export const asPrincipal = (p: TestPrincipal): Principal => ({
  userId: p.userId,
  ...(p.name !== undefined ? { name: p.name } : {}),
  memberships: testMemberships(p),
});

/** The farm `farmer` owns under the harness's rule (a farm they open gets this id). */
export const testFarmId = (userId: string): string => demoFarmId(userId);

/**
 * A token for `p` signed with the harness key, with identity's claims (sub, name, memberships, iss, aud, iat, exp).
 */
export const token = (_t: TestEnv, p: TestPrincipal, expiresIn: string | number = '1h') =>
  forgeToken(
    { sub: p.userId, ...(p.name !== undefined ? { name: p.name } : {}), memberships: testMemberships(p) },
    { expiresIn },
  );

/**
 * A token with exactly these claims, for the tests of refusals: `expiresIn` (a past time: expired), `issuer`,
 * `audience`, `kid` (an unpublished one), `key` (a key nobody published). Signed with the harness key unless `key`.
 */
export const forgeToken = (
  claims: JWTPayload,
  o: {
    expiresIn?: string | number;
    issuer?: string;
    audience?: string;
    kid?: string;
    key?: { privateKey: CryptoKey; alg?: string };
  } = {},
): Promise<string> =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: o.key?.alg ?? 'EdDSA', kid: o.kid ?? authority.kid, typ: 'JWT' })
    .setIssuer(o.issuer ?? TEST_ISSUER)
    .setAudience(o.audience ?? TEST_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(o.expiresIn ?? '1h')
    .sign(o.key?.privateKey ?? authority.privateKey);

/** A key pair nobody published: what a forger signs with. */
export const strangerKey = (): Promise<{ privateKey: CryptoKey }> => generateKeyPair('EdDSA');

/**
 * An HS256 token (the algorithm of the shared secret before identity): for the tests that show it is refused, whatever
 * its secret (a guessed one, or the published public key: the key confusion attack).
 */
export const hmacToken = (
  claims: JWTPayload,
  secret: string,
  o: { kid?: string; expiresIn?: string | number } = {},
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...(o.kid ? { kid: o.kid } : {}) })
    .setIssuer(TEST_ISSUER)
    .setAudience(TEST_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(o.expiresIn ?? '1h')
    .sign(new TextEncoder().encode(secret));

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
    await ensureTopics(this.kafka, '', full);
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
  async (method: string, path: string, who?: TestPrincipal, body?: unknown): Promise<TestReply> => {
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
  call: (method: string, path: string, who?: TestPrincipal, body?: unknown) => Promise<TestReply>;
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

export { pdfText } from './testing-pdf';
