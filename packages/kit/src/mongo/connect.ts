import mongoose, { type Connection } from 'mongoose';
import { instrumentMongoClient } from '../telemetry/mongo';
import { tracesExported } from '../telemetry/setup';

/**
 * One connection per service; the database name comes from the URL (tests use one per worker).
 *
 * maxPoolSize 1 is deliberate. FerretDB 1.24 (SQLite) runs an update as query-then-write without a
 * transaction, so two concurrent updates of one document lose each other's effect, and a conditional
 * `{available: {$gte: q}}` $inc can go below zero (measured: 200 concurrent $inc -> 21; 200 racing
 * conditional decrements of 50 -> 200 "modified"). A MongoDB driver never pipelines on one socket, so
 * a single connection serialises this process's operations and makes each update atomic again for
 * every writer in the process (measured: 200 -> 200; 50 modified, 0 left). Writers in OTHER processes
 * must additionally take the document lock (see doc-lock.ts). On real MongoDB raise MONGO_POOL_SIZE.
 *
 * When traces are exported (initTelemetry with an OTLP endpoint or a test exporter, before connecting),
 * the driver's command monitoring feeds MongoDB client spans. It is off otherwise: the driver then
 * decodes every reply a second time for the event (measured +10-20% CPU on a 100-document find).
 */
export const connectMongo = async (
  url: string,
  poolSize = 1,
  o: { monitorCommands?: boolean } = {},
): Promise<Connection> => {
  const monitorCommands = o.monitorCommands ?? tracesExported();
  const conn = mongoose.createConnection(url, {
    serverSelectionTimeoutMS: 5000,
    maxPoolSize: poolSize,
    autoIndex: true,
    autoCreate: true,
    monitorCommands,
  });
  await conn.asPromise();
  if (monitorCommands) instrumentMongoClient(conn.getClient());
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
