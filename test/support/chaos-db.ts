import type { testEnv } from '@ftt/kit/testing';
import mongoose, { type mongo } from 'mongoose';
import type { ServiceName } from './system';

type Env = ReturnType<typeof testEnv>;
export const SERVICES: readonly ServiceName[] = ['catalog', 'orders', 'logistics'];

/** The database a ServiceProcess of this run uses: the run's database name + `_<service>`. */
export const serviceDbName = (t: Env, service: ServiceName) =>
  `${new URL(t.mongoUrl).pathname.slice(1)}_${service}`;

/** Read-only access to the three services' own databases, straight from the database server. */
export class ServiceDbs {
  private constructor(
    private readonly client: mongo.MongoClient,
    readonly dbs: Record<ServiceName, mongo.Db>,
  ) {}

  static async open(t: Env): Promise<ServiceDbs> {
    const url = new URL(t.mongoUrl);
    url.pathname = '/';
    const client = new mongoose.mongo.MongoClient(url.toString(), {
      maxPoolSize: 2,
      serverSelectionTimeoutMS: 10_000,
    });
    await client.connect();
    const dbs = Object.fromEntries(SERVICES.map((s) => [s, client.db(serviceDbName(t, s))])) as Record<
      ServiceName,
      mongo.Db
    >;
    return new ServiceDbs(client, dbs);
  }

  get catalog() {
    return this.dbs.catalog;
  }
  get orders() {
    return this.dbs.orders;
  }
  get logistics() {
    return this.dbs.logistics;
  }

  async all(service: ServiceName, collection: string): Promise<mongo.Document[]> {
    return this.dbs[service].collection(collection).find({}).toArray();
  }

  async collections(service: ServiceName): Promise<string[]> {
    return (await this.dbs[service].listCollections({}, { nameOnly: true }).toArray())
      .map((c) => c.name)
      .sort();
  }

  /** Events written to an outbox and not yet acknowledged by Kafka, in every collection of every service. */
  async outboxBacklog(): Promise<{ where: string; pending: number; entries: number }[]> {
    const out: { where: string; pending: number; entries: number }[] = [];
    for (const s of SERVICES) {
      for (const c of await this.collections(s)) {
        // A post-run audit of every document (not a service query): filtered here, the run is over.
        const docs = await this.dbs[s]
          .collection(c)
          .find({}, { projection: { outbox: 1, outboxPending: 1 } })
          .toArray();
        for (const d of docs) {
          if (!(Number(d.outboxPending ?? 0) > 0) && !((d.outbox as unknown[] | undefined)?.length ?? 0))
            continue;
          out.push({
            where: `${s}.${c}/${String(d._id)}`,
            pending: Number(d.outboxPending ?? 0),
            entries: (d.outbox as unknown[] | undefined)?.length ?? 0,
          });
        }
      }
    }
    return out;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/**
 * What a redelivery may legitimately leave different, and why:
 * - the `_locks` collection: per-document lock leases (kit doc-lock.ts) exist only while a write is in
 *   flight and expire after 10 s; a stopped process may leave one behind. They are not state.
 * - `outboxLeaseUntil` / `outboxAttempts`: the relay's claim on a document's pending events and its
 *   backoff counter; bookkeeping of the publisher, meaningful only while outboxPending > 0 (asserted 0).
 * Everything else -- versions, processedEventIds, timestamps, outbox arrays -- must be identical.
 */
export const VOLATILE = {
  collections: ['_locks'],
  fields: ['outboxLeaseUntil', 'outboxAttempts'],
} as const;

export type Snapshot = Record<string, Record<string, unknown>>;

/** Every document of every collection of every service, keyed `<service>.<collection>` then `_id`. */
export const snapshot = async (dbs: ServiceDbs): Promise<Snapshot> => {
  const out: Snapshot = {};
  for (const s of SERVICES) {
    for (const c of await dbs.collections(s)) {
      if ((VOLATILE.collections as readonly string[]).includes(c)) continue;
      const docs: Record<string, unknown> = {};
      for (const d of await dbs.all(s, c)) {
        const copy: mongo.Document = { ...d };
        for (const f of VOLATILE.fields) delete copy[f];
        docs[String(d._id)] = JSON.parse(JSON.stringify(copy));
      }
      out[`${s}.${c}`] = docs;
    }
  }
  return out;
};

/** Paths that differ between two snapshots, e.g. `logistics.order_facts/<id>.cancelledAt: "a" -> "b"`. */
export const diffSnapshots = (a: Snapshot, b: Snapshot): string[] => {
  const out: string[] = [];
  const walk = (path: string, x: unknown, y: unknown) => {
    if (JSON.stringify(x) === JSON.stringify(y)) return;
    if (x && y && typeof x === 'object' && typeof y === 'object' && Array.isArray(x) === Array.isArray(y)) {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys)
        walk(`${path}.${k}`, (x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]);
      return;
    }
    out.push(`${path}: ${JSON.stringify(x)?.slice(0, 120)} -> ${JSON.stringify(y)?.slice(0, 120)}`);
  };
  for (const coll of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[coll] ?? {};
    const y = b[coll] ?? {};
    for (const id of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (!(id in x)) out.push(`${coll}/${id}: created by the replay`);
      else if (!(id in y)) out.push(`${coll}/${id}: deleted by the replay`);
      else walk(`${coll}/${id}`, x[id], y[id]);
    }
  }
  return out;
};
