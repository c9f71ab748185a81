import { connectMongo } from '@ftt/kit';
import { testEnv } from '@ftt/kit/testing';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection } from '../src/data/collections';
import { ListingRepo } from '../src/data/listing-repo';
import { farmSnapshot } from './support/fixtures';

const t = testEnv('listing-cache');
let db: Connection;
let listings: Collection;

beforeAll(async () => {
  db = await connectMongo(t.mongoUrl);
  listings = db.collection('listings') as unknown as Collection;
});
afterAll(async () => {
  await db.dropDatabase();
  await db.close();
});

describe("orders' listing read model, read for every order", () => {
  it('when the same listings are read again within the second, then they come from memory; after it, from the database', async () => {
    const repo = new ListingRepo(listings, 200);
    const s = farmSnapshot('anna');
    await repo.upsertSnapshot(s);
    expect((await repo.getMany([s.listingId])).get(s.listingId)?.snapshot?.title).toBe(s.title);
    // Changed behind the repo's back (as another instance would): still the remembered one ...
    await listings.updateOne({ _id: s.listingId } as never, { $set: { 'snapshot.title': 'Changed elsewhere' } });
    expect((await repo.getMany([s.listingId])).get(s.listingId)?.snapshot?.title).toBe(s.title);
    // ... until the short while is over.
    await new Promise((r) => setTimeout(r, 250));
    expect((await repo.getMany([s.listingId])).get(s.listingId)?.snapshot?.title).toBe('Changed elsewhere');
  });

  it('when this process applies a change, then the next read sees it at once', async () => {
    const repo = new ListingRepo(listings, 60_000);
    const s = farmSnapshot('anna');
    await repo.upsertSnapshot(s);
    await repo.getMany([s.listingId]);
    expect(await repo.upsertSnapshot({ ...s, status: 'paused', version: s.version + 1 })).toBe('applied');
    expect((await repo.getMany([s.listingId])).get(s.listingId)?.snapshot?.status).toBe('paused');
    expect(await repo.markArchived(s.listingId, s.version + 2)).toBe('applied');
    expect((await repo.getMany([s.listingId])).get(s.listingId)?.archived).toBe(true);
  });

  it('when a read overlaps a change, then what it read is not remembered', async () => {
    const repo = new ListingRepo(listings, 60_000);
    const s = farmSnapshot('anna');
    await repo.upsertSnapshot(s);
    const reading = repo.getMany([s.listingId]); // may read the old version
    await repo.upsertSnapshot({ ...s, status: 'paused', version: s.version + 1 });
    await reading;
    expect((await repo.getMany([s.listingId])).get(s.listingId)?.snapshot?.status).toBe('paused');
  });

  it('when a listing is not known yet, then that is not remembered: it is found as soon as it is stored', async () => {
    const repo = new ListingRepo(listings, 60_000);
    const s = farmSnapshot('joost');
    expect((await repo.getMany([s.listingId])).size).toBe(0);
    await listings.insertOne({ _id: s.listingId, version: s.version, archived: false, snapshot: s } as never);
    expect((await repo.getMany([s.listingId])).get(s.listingId)?.listingId).toBe(s.listingId);
  });
});
