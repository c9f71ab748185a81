import mongoose, { type Connection, type mongo } from 'mongoose';
import { metrics } from '../telemetry/metrics';
import { commandCollection, instrumentMongoClient } from '../telemetry/mongo';
import { tracesExported } from '../telemetry/setup';

/**
 * One connection pool per service; the database name comes from the URL (tests use one per worker).
 * The server (MongoDB, or SecantusDB on the native runner) applies each update atomically, so writers
 * share nothing but the database: concurrency control is the conditional filter of each write.
 *
 * When traces are exported (initTelemetry with an OTLP endpoint or a test exporter, before connecting),
 * the driver's command monitoring feeds MongoDB client spans. It is off otherwise: the driver then
 * decodes every reply a second time for the event (measured +10-20% CPU on a 100-document find).
 */
export const connectMongo = async (
  url: string,
  poolSize = 10,
  o: { monitorCommands?: boolean; countCommands?: boolean } = {},
): Promise<Connection> => {
  const monitorCommands = (o.monitorCommands ?? tracesExported()) || o.countCommands === true;
  const conn = mongoose.createConnection(url, {
    serverSelectionTimeoutMS: 5000,
    maxPoolSize: poolSize,
    autoIndex: true,
    autoCreate: true,
    monitorCommands,
  });
  await conn.asPromise();
  if (monitorCommands) instrumentMongoClient(conn.getClient());
  if (o.countCommands) {
    // For the bench: database operations per order, by command (off by default: monitoring costs CPU).
    const commands = metrics.counter('db_commands_total', 'Database commands sent, by command name and collection');
    conn.getClient().on('commandStarted', (e) =>
      commands.inc({ command: e.commandName, collection: commandCollection(e) ?? '' }),
    );
  }
  return conn;
};

export const pingMongo = async (conn: Connection): Promise<boolean> => {
  try {
    if (conn.readyState !== 1 || !conn.db) return false;
    await Promise.race([
      conn.db.admin().command({ ping: 1 }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('ping timeout')), 1000)),
    ]);
    return true;
  } catch {
    return false;
  }
};

export type NativeCollection = mongo.Collection<mongo.Document>;

/**
 * A service's native collections, by the names it uses for them, once the indexes its queries need exist
 * (`indexes` returns their creations, made all at once).
 */
export const openNativeCollections = async <K extends string>(
  conn: Connection,
  names: Record<K, string>,
  indexes: (c: Record<K, NativeCollection>) => Promise<unknown>[],
): Promise<Record<K, NativeCollection>> => {
  const db = conn.db;
  if (!db) throw new Error('database connection is not open');
  const entries = Object.entries<string>(names).map(([key, name]) => [key, db.collection(name)]);
  const c = Object.fromEntries(entries) as Record<K, NativeCollection>;
  await Promise.all(indexes(c));
  return c;
};
