import type { mongo } from 'mongoose';

/**
 * The query-plan check, for any service database: the profiler (level 2) records every operation a service sends into
 * its database's system.profile. This server records the operation (op, ns, command with its filter) but not MongoDB's
 * `planSummary`, so each distinct recorded query is explained against the same database, with the same indexes and
 * data, and its winning plan summarised the way mongod writes planSummary (`IXSCAN { buyerId: 1, placedAt: -1 }`,
 * `EXPRESS_IXSCAN { _id: 1 }`, `COLLSCAN`). Queries are grouped by shape (values replaced by `?`). Used by
 * test/data/query-plans.e2e.test.ts (the five services as one system) and test/infra/new-service.int.test.ts (a
 * service made by `pnpm new:service`).
 */

export type Doc = mongo.Document;
export type Kind = 'find' | 'update' | 'delete' | 'findAndModify' | 'aggregate' | 'count' | 'distinct';

/** One query shape as the services sent it: values replaced by `?`, so a thousand sweeps are one shape. */
export interface QueryShape {
  service: string;
  collection: string;
  kind: Kind;
  filter: Doc;
  sort: Doc | undefined;
  /** The distinct recorded commands of this shape (by filter and sort), rebuilt for `explain`. */
  commands: Map<string, Doc>;
  shape: string;
  /** When each operation of this shape was recorded. */
  times: Date[];
}

/** One profiler entry read as a query. */
interface ProfiledQuery {
  ns: string;
  collection: string;
  kind: Kind;
  filter: Doc;
  sort: Doc | undefined;
  /** The recorded command rebuilt for `explain` (the session and cluster-time fields dropped). */
  command: Doc;
  shapeOf: unknown;
}

export interface Plan extends QueryShape {
  plan: string;
  scans: boolean;
}


/** How many distinct queries of one shape are explained (a sweeper's filter differs by its timestamp only). */
const MAX_EXPLAINS_PER_SHAPE = 100;

const isPlain = (v: unknown): v is Doc =>
  typeof v === 'object' &&
  v !== null &&
  !(v instanceof Date) &&
  !(v instanceof RegExp) &&
  !('_bsontype' in (v as object));

/** The query's shape: field names and operators kept, every value replaced by '?'. */
const shapeOf = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.some(isPlain) ? v.map(shapeOf) : ['?'];
  if (isPlain(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shapeOf(x)]));
  return '?';
};

/** Field paths a filter constrains, including inside $or/$and branches. */
export const fieldsOf = (filter: Doc): string[] =>
  Object.entries(filter).flatMap(([k, v]) =>
    k === '$or' || k === '$and' || k === '$nor'
      ? (v as Doc[]).flatMap(fieldsOf)
      : k.startsWith('$')
        ? []
        : [k],
  );

/** What a recorded command keeps when explained again: the query, not the session or cluster-time fields. */
const FIND_FIELDS = [
  'find',
  'filter',
  'sort',
  'projection',
  'hint',
  'skip',
  'limit',
  'collation',
  'min',
  'max',
];
const FIND_AND_MODIFY_FIELDS = [
  'query',
  'sort',
  'update',
  'remove',
  'new',
  'fields',
  'upsert',
  'arrayFilters',
  'hint',
  'collation',
];

const pick = (c: Doc, keys: string[]): Doc =>
  Object.fromEntries(keys.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]));

/**
 * A profiler entry as a query, or undefined for what is not one: inserts (no filter), getMore of a cursor
 * already explained by its find, index builds, handshakes, pings, listCollections, the profile command, and
 * anything on system collections (the test's own reads of system.profile).
 */
const toQuery = (e: Doc): ProfiledQuery | undefined => {
  const ns = String(e.ns ?? '');
  const dot = ns.indexOf('.');
  const collection = ns.slice(dot + 1);
  if (dot < 0 || collection.startsWith('system.') || collection === '$cmd') return undefined;
  const c = (e.command ?? {}) as Doc;
  const base = { ns, collection };
  switch (e.op) {
    case 'query': {
      const filter = (c.filter ?? {}) as Doc;
      const command = pick(c, FIND_FIELDS);
      return { ...base, kind: 'find', filter, sort: c.sort as Doc | undefined, command, shapeOf: shapeOf(filter) };
    }
    case 'update': {
      const filter = (c.q ?? {}) as Doc;
      const stmt = pick(c, ['q', 'u', 'multi', 'upsert', 'arrayFilters', 'hint', 'collation']);
      const command = { update: collection, updates: [stmt] };
      return {
        ...base,
        kind: 'update',
        filter,
        sort: undefined,
        command,
        shapeOf: [shapeOf(filter), c.upsert === true],
      };
    }
    case 'remove': {
      const filter = (c.q ?? {}) as Doc;
      const command = { delete: collection, deletes: [pick(c, ['q', 'limit', 'hint', 'collation'])] };
      return { ...base, kind: 'delete', filter, sort: undefined, command, shapeOf: shapeOf(filter) };
    }
    case 'command': {
      const name = Object.keys(c)[0];
      if (name === 'findAndModify' || name === 'findandmodify') {
        const filter = (c.query ?? {}) as Doc;
        const command = { findAndModify: collection, ...pick(c, FIND_AND_MODIFY_FIELDS) };
        return { ...base, kind: 'findAndModify', filter, sort: c.sort as Doc | undefined, command, shapeOf: shapeOf(filter) };
      }
      if (name === 'aggregate' && typeof c.aggregate === 'string') {
        const pipeline = (c.pipeline ?? []) as Doc[];
        const filter = (pipeline[0]?.$match ?? {}) as Doc;
        const command = { ...pick(c, ['aggregate', 'pipeline', 'hint', 'collation']), cursor: {} };
        return { ...base, kind: 'aggregate', filter, sort: undefined, command, shapeOf: shapeOf(pipeline) };
      }
      if (name === 'count') {
        const filter = (c.query ?? {}) as Doc;
        const command = pick(c, ['count', 'query', 'limit', 'skip', 'hint', 'collation']);
        return { ...base, kind: 'count', filter, sort: undefined, command, shapeOf: shapeOf(filter) };
      }
      if (name === 'distinct') {
        const filter = (c.query ?? {}) as Doc;
        const command = pick(c, ['distinct', 'key', 'query', 'hint', 'collation']);
        return {
          ...base,
          kind: 'distinct',
          filter,
          sort: undefined,
          command,
          shapeOf: [c.key, shapeOf(filter)],
        };
      }
      return undefined;
    }
    default:
      return undefined; // insert, getmore, killcursors
  }
};

/** Every query shape in these databases' profiles (each database labelled, e.g. by its service). */
export const profiledQueries = async (dbs: Record<string, mongo.Db>): Promise<QueryShape[]> => {
  const shapes = new Map<string, QueryShape>();
  for (const [service, db] of Object.entries(dbs)) {
    const entries = await db
      .collection('system.profile')
      .find({}, { projection: { op: 1, ns: 1, command: 1, ts: 1 } })
      .toArray();
    for (const e of entries) {
      const q = toQuery(e);
      if (!q) continue;
      const shape = `${service}.${q.collection} ${q.kind} ${JSON.stringify(q.shapeOf)}${q.sort ? ` sort ${JSON.stringify(q.sort)}` : ''}`;
      const known =
        shapes.get(shape) ??
        shapes
          .set(shape, {
            service,
            collection: q.collection,
            kind: q.kind,
            filter: q.filter,
            sort: q.sort,
            commands: new Map(),
            shape,
            times: [],
          })
          .get(shape)!;
      known.times.push(e.ts as Date);
      // The plan may depend on the values (an $in of one state or four): each distinct query is explained,
      // up to a bound per shape (a sweeper's filter differs by its timestamp only).
      const instance = JSON.stringify([q.filter, q.sort]);
      if (known.commands.size < MAX_EXPLAINS_PER_SHAPE) known.commands.set(instance, q.command);
    }
  }
  return [...shapes.values()];
};

const keyPattern = (k: unknown): string =>
  typeof k === 'string'
    ? k
    : `{ ${Object.entries(k as Doc)
        .map(([f, d]) => `${f}: ${String(d)}`)
        .join(', ')} }`;

/** The access stages of the winning plan (leaves: no input stage), as mongod's planSummary writes them. */
const leaves = (node: unknown, out: string[] = []): string[] => {
  if (Array.isArray(node)) for (const n of node) leaves(n, out);
  else if (isPlain(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (['rejectedPlans', 'command', 'parsedQuery', 'serverInfo', 'serverParameters', 'filter'].includes(k))
        continue;
      leaves(v, out);
    }
    if (typeof node.stage === 'string' && !node.inputStage && !node.inputStages) {
      out.push(node.keyPattern ? `${node.stage} ${keyPattern(node.keyPattern)}` : node.stage);
    }
  }
  return out;
};

/** One recorded query explained where it was sent (queryPlanner verbosity: nothing runs, writes included). */
const explainOne = async (db: mongo.Db, command: Doc): Promise<{ plan: string; scans: boolean }> => {
  try {
    const access = [...new Set(leaves(await db.command({ explain: command, verbosity: 'queryPlanner' })))];
    // No access stage at all (or only EOF) means the plan could not be judged: that fails too.
    if (!access.some((s) => s !== 'EOF'))
      return { plan: `no plan (${access.join(', ') || 'nothing'})`, scans: true };
    return { plan: access.join(', '), scans: access.includes('COLLSCAN') };
  } catch (err) {
    return { plan: `explain failed: ${(err as Error).message}`, scans: true };
  }
};

/** Each shape's plans (every distinct one its queries got); it scans when any of its queries does. */
export const explainAll = async (dbs: Record<string, mongo.Db>, shapes: QueryShape[]): Promise<Plan[]> => {
  const out: Plan[] = [];
  for (const q of shapes) {
    const results = [];
    for (const command of q.commands.values()) results.push(await explainOne(dbs[q.service]!, command));
    out.push({
      ...q,
      plan: [...new Set(results.map((r) => r.plan))].join(' | '),
      scans: results.some((r) => r.scans),
    });
  }
  return out;
};

export const describePlan = (p: Plan) => `${p.shape} -> ${p.plan} (${p.times.length}x)`;

export const setProfiling = async (db: mongo.Db, level: 0 | 2) => {
  await db.command({ profile: level });
};

/** A database profiled from its first operation: a profile large enough not to wrap during a run, then level 2. */
export const startProfiling = async (db: mongo.Db, bytes = 64 * 1024 * 1024) => {
  await db.createCollection('system.profile', { capped: true, size: bytes });
  await setProfiling(db, 2);
};
