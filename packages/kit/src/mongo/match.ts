import { isDeepStrictEqual } from 'node:util';
import type { mongo } from 'mongoose';

/**
 * MongoDB query semantics for the small filter language the aggregate writes use, evaluated on a
 * document already read by _id (see AggregateStore: FerretDB 1.24 on SQLite pushes down only a filter
 * that is exactly `{_id}`, so any other condition made every conditional write scan the collection).
 *
 * Supported: field equality (dotted paths, reaching into arrays: any element matches), $eq, $ne, $gt,
 * $gte, $lt, $lte, $in, $nin, $exists, and top-level $and / $or. Anything else throws, so an
 * unsupported filter fails loudly in tests instead of matching wrongly.
 */
export const matches = (doc: mongo.Document, filter: mongo.Document): boolean =>
  Object.entries(filter).every(([key, cond]) => {
    if (key === '$and') return (cond as mongo.Document[]).every((f) => matches(doc, f));
    if (key === '$or') return (cond as mongo.Document[]).some((f) => matches(doc, f));
    if (key.startsWith('$')) throw new Error(`matches: unsupported operator ${key}`);
    return fieldMatches(valuesAt(doc, key.split('.')), cond);
  });

const MISSING = Symbol('missing');
type Found = unknown[] | typeof MISSING;

/** The values a dotted path reaches; arrays on the way fan out (as MongoDB does). MISSING when none. */
const valuesAt = (value: unknown, path: string[]): Found => {
  if (path.length === 0) return [value];
  if (Array.isArray(value)) {
    const all = value.flatMap((v) => {
      const r = valuesAt(v, path);
      return r === MISSING ? [] : r;
    });
    return all.length ? all : MISSING;
  }
  if (value === null || typeof value !== 'object') return MISSING;
  const [head, ...rest] = path;
  if (!Object.prototype.hasOwnProperty.call(value, head!)) return MISSING;
  return valuesAt((value as Record<string, unknown>)[head!], rest);
};

const isOperatorObject = (c: unknown): c is Record<string, unknown> =>
  c !== null &&
  typeof c === 'object' &&
  !Array.isArray(c) &&
  !(c instanceof Date) &&
  Object.keys(c).length > 0 &&
  Object.keys(c).every((k) => k.startsWith('$'));

const fieldMatches = (found: Found, cond: unknown): boolean =>
  isOperatorObject(cond)
    ? Object.entries(cond).every(([op, arg]) => operatorMatches(found, op, arg))
    : equals(found, cond);

/** `{field: v}`: some value equals v, or is an array holding v; null also matches a missing field. */
const equals = (found: Found, v: unknown): boolean => {
  if (found === MISSING) return v === null || v === undefined;
  return found.some((x) => same(x, v) || (Array.isArray(x) && x.some((e) => same(e, v))));
};

const same = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : isDeepStrictEqual(a, b);

const scalars = (found: Found): unknown[] =>
  found === MISSING ? [] : found.flatMap((x) => (Array.isArray(x) ? x : [x]));

const compare = (a: unknown, b: unknown): number | undefined => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  return undefined; // MongoDB compares across types by type order; the writes here never rely on it
};

const operatorMatches = (found: Found, op: string, arg: unknown): boolean => {
  const some = (test: (c: number) => boolean) =>
    scalars(found).some((x) => {
      const c = compare(x, arg);
      return c !== undefined && test(c);
    });
  switch (op) {
    case '$eq':
      return equals(found, arg);
    case '$ne':
      return !equals(found, arg);
    case '$gt':
      return some((c) => c > 0);
    case '$gte':
      return some((c) => c >= 0);
    case '$lt':
      return some((c) => c < 0);
    case '$lte':
      return some((c) => c <= 0);
    case '$in':
      return (arg as unknown[]).some((v) => equals(found, v));
    case '$nin':
      return !(arg as unknown[]).some((v) => equals(found, v));
    case '$exists':
      return (found !== MISSING) === Boolean(arg);
    default:
      throw new Error(`matches: unsupported operator ${op}`);
  }
};
