import mongoose, { type Connection } from 'mongoose';

/** One connection per service; the database name comes from the URL (tests use one per worker). */
export const connectMongo = async (url: string): Promise<Connection> => {
  const conn = mongoose.createConnection(url, {
    serverSelectionTimeoutMS: 5000,
    maxPoolSize: 20,
    autoIndex: true,
    autoCreate: true,
  });
  await conn.asPromise();
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
