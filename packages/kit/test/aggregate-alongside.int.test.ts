import { describe, expect, it } from 'vitest';
import { AggregateStore, connectMongo } from '../src/index';
import { testEnv } from '../src/testing';

const t = testEnv('alongside');

describe('an aggregate write with others in one transaction (AggregateWrite.alongside)', () => {
  it('when the write is written, then the other writes commit with it; when it conflicts or the other write fails, then neither stays', async () => {
    const conn = await connectMongo(t.mongoUrl);
    const db = conn.db!;
    const store = new AggregateStore(db.collection('things'), { client: conn.getClient() });
    const totals = db.collection('totals');
    await store.insert('a', { n: 0 });
    const add = (by: number) => async (session: import('mongoose').mongo.ClientSession) => {
      await totals.updateOne({ _id: 'sum' as never }, { $inc: { n: by } }, { upsert: true, session });
    };
    expect(await store.update('a', 1, { n: 1 }, { alongside: add(1) })).toBe('written');
    // A stale version: nothing written, the total untouched.
    expect(await store.update('a', 1, { n: 9 }, { alongside: add(100) })).toBe('conflict');
    await expect(
      store.update('a', 2, { n: 2 }, {
        alongside: async (s) => {
          await add(1000)(s);
          throw new Error('a later step failed');
        },
      }),
    ).rejects.toThrow('a later step failed');
    expect(await store.get('a')).toMatchObject({ n: 1, version: 2 });
    expect(await totals.findOne({ _id: 'sum' as never })).toMatchObject({ n: 1 });
    // Writers racing on one document: each written update added exactly once.
    const results = await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (;;) {
          const cur = (await store.get<{ n: number }>('a'))!;
          if ((await store.update('a', cur.version, { n: cur.n + 1 }, { alongside: add(1) })) === 'written') return 1;
        }
      }),
    );
    expect(results).toHaveLength(6);
    expect(await store.get('a')).toMatchObject({ n: 7 });
    expect(await totals.findOne({ _id: 'sum' as never })).toMatchObject({ n: 7 });
    await db.dropDatabase();
    await conn.close();
  });
});
