import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import mongoose, { type Connection } from 'mongoose';

/**
 * The yardstick: a bare express + mongoose handler running the catalog's search query for the
 * benchmark's requests (same filter, sort, projection and page size), with no auth, validation,
 * security headers or view mapping. Written out by hand on purpose.
 */
export const startBaseline = async (conn: Connection): Promise<{ url: string; close: () => Promise<void> }> => {
  const Listing = conn.model('BenchListing', new mongoose.Schema({}, { strict: false, collection: 'listings' }));
  const app = express();
  app.get('/listings', async (req, res) => {
    const q = req.query as Record<string, string>;
    const filter = {
      status: 'published',
      category: q.category,
      'farm.region': q.region,
      'unitPrice.amount': { $lte: Number(q.maxPrice) },
      available: { $gt: 0 },
    };
    const docs = await Listing.find(
      filter,
      { outbox: 0, outboxPending: 0, outboxLeaseUntil: 0, outboxAttempts: 0, processedEventIds: 0, holds: 0, sales: 0, adjustments: 0 },
    )
      .sort({ 'unitPrice.amount': 1, _id: 1 })
      .limit(21)
      .lean();
    res.json({ items: docs.slice(0, 20), nextCursor: docs.length > 20 ? String(docs[19]!._id) : null });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
