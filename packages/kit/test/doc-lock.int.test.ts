import { describe, expect, it } from 'vitest';
import { AggregateStore, connectMongo } from '../src/index';
import { testEnv } from '../src/testing';

const t = testEnv('doclock');

describe('writers in two processes', () => {
  it('when two connections (as two service instances) race conditional updates of one document, then none is lost', async () => {
    const [a, b] = await Promise.all([connectMongo(t.mongoUrl), connectMongo(t.mongoUrl)]);
    const storeA = new AggregateStore(a.collection('listings'));
    const storeB = new AggregateStore(b.collection('listings'));
    await storeA.insert('l1', { available: 40, reserved: 0, touched: 0 });
    const take = (s: AggregateStore) =>
      s.updateWhere('l1', { available: { $gte: 1 } }, { $inc: { available: -1, reserved: 1 } });
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => take(i % 2 ? storeA : storeB)));
    // Versioned updates from both sides interleaved with the $inc ones must not clobber them either.
    let written = 0;
    for (let i = 0; i < 10; i++) {
      const s = i % 2 ? storeA : storeB;
      for (;;) {
        const cur = await s.get<{ touched: number }>('l1');
        if ((await s.update('l1', cur!.version, { touched: cur!.touched + 1 })) === 'written') break;
      }
      written++;
    }
    expect(results.filter(Boolean)).toHaveLength(40);
    expect(await storeA.get('l1')).toMatchObject({ available: 0, reserved: 40, touched: written });
    await Promise.all([a.close(), b.close()]);
  });
});
