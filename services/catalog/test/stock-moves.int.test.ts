import { randomUUID } from 'node:crypto';
import { connectMongo } from '@ftt/kit';
import { testEnv } from '@ftt/kit/testing';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection } from '../src/data/collections';
import { ListingRepo } from '../src/data/listing-repo';
import type { Reservation, ReservationStatus } from '../src/domain/reservation';
import { commitHolds, holdAll, releaseAll } from '../src/use-cases/stock-moves';

const t = testEnv('stock-moves');
let db: Connection;
let repo: ListingRepo;

beforeAll(async () => {
  db = await connectMongo(t.mongoUrl);
  repo = new ListingRepo(db.collection('listings') as unknown as Collection);
});
afterAll(async () => {
  await db.dropDatabase();
  await db.close();
});

/** A published listing with `available` units, stored as the repository stores one. */
const listing = async (available: number) => {
  const id = `listing-${randomUUID()}`;
  await db.collection('listings').insertOne({ _id: id as never, status: 'published', available, reserved: 0, sold: 0, holds: [], released: [] });
  return id;
};
const stock = async (id: string) => {
  const d = await db.collection('listings').findOne({ _id: id as never });
  return { available: d?.available, reserved: d?.reserved, sold: d?.sold };
};
const reservation = (listingId: string, quantity: number, releasedFrom?: ReservationStatus | null): Reservation => ({
  id: `order-${randomUUID()}`,
  status: 'releasing',
  lines: [{ listingId, quantity, lineIndex: 0 }],
  expiresAt: null,
  releaseReason: 'cancelled',
  releasedFrom,
  rejection: null,
  claimUntil: null,
  correlationId: 'c',
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
  version: 1,
});

describe('stock moves on a listing, each repeatable', () => {
  it('when many orders are sold from one listing, then its document keeps no entry per order', async () => {
    const id = await listing(100);
    for (let i = 0; i < 20; i++) {
      const r = reservation(id, 2);
      expect(await holdAll(repo, r)).toBeNull();
      await commitHolds(repo, r);
    }
    expect(await stock(id)).toEqual({ available: 60, reserved: 0, sold: 40 });
    const doc = await db.collection('listings').findOne({ _id: id as never });
    expect([doc?.holds, doc?.sales ?? [], doc?.released]).toEqual([[], [], []]);
  });

  it('when the release of a sold order is repeated (a redelivery, a sweeper), then its stock goes back once', async () => {
    const id = await listing(10);
    const r = reservation(id, 3, 'committed');
    await holdAll(repo, r);
    await commitHolds(repo, r);
    await releaseAll(repo, r);
    await releaseAll(repo, r);
    expect(await stock(id)).toEqual({ available: 10, reserved: 0, sold: 0 });
  });

  it('when a release that began while committing is repeated, then a line still held and a line sold each go back once', async () => {
    const [a, b] = [await listing(10), await listing(10)];
    const r = { ...reservation(a, 2, 'committing'), lines: [{ listingId: a, quantity: 2, lineIndex: 0 }, { listingId: b, quantity: 4, lineIndex: 1 }] };
    await holdAll(repo, r);
    await repo.commitHold(a, r.id, 2); // the commit reached the first line only
    await releaseAll(repo, r);
    await releaseAll(repo, r);
    expect([await stock(a), await stock(b)]).toEqual([
      { available: 10, reserved: 0, sold: 0 },
      { available: 10, reserved: 0, sold: 0 },
    ]);
  });

  it('when a release that began before the commit finds no hold, then nothing is given back (it was never sold)', async () => {
    const id = await listing(10);
    const taken = reservation(id, 3, 'reserved');
    await holdAll(repo, taken);
    await releaseAll(repo, taken); // gives the hold back
    await releaseAll(repo, taken); // repeated: no hold, and from 'reserved' nothing was sold
    const never = reservation(id, 5, 'reserving'); // ended before its hold was taken
    await releaseAll(repo, never);
    expect(await stock(id)).toEqual({ available: 10, reserved: 0, sold: 0 });
  });

  it('when a sale was recorded with an entry on the listing (before sales stopped leaving one), then its release still goes back once', async () => {
    const id = await listing(7);
    const r = reservation(id, 3, null);
    await db.collection('listings').updateOne({ _id: id as never }, { $set: { sold: 3 }, $push: { sales: { orderId: r.id, quantity: 3 } } as never });
    await releaseAll(repo, r);
    await releaseAll(repo, r);
    expect(await stock(id)).toEqual({ available: 10, reserved: 0, sold: 0 });
    expect((await db.collection('listings').findOne({ _id: id as never }))?.sales).toEqual([]);
  });
});
