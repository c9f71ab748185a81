import { startedForFile } from '@ftt/kit/test-hooks';
import { describe, expect, it } from 'vitest';
import { farmSnapshot, orderBody } from './support/fixtures';
import { startHarness } from './support/harness';

/**
 * Issue #29, finding 12: an operator finds orders by the buyer's name (the name on the order: the first letters of
 * the first name or the surname, any case, accents or not), newest first with cursor paging, served by an index;
 * the list says each order's buyer name.
 */
const h = startedForFile(() => startHarness());

type Summary = { orderId: string; buyerName: string };
const search = async (query: string) =>
  h.call('GET', `/admin/orders?${query}`, { token: h.users.ada }) as Promise<{
    status: number;
    body: { items: Summary[]; nextCursor: string | null; errors?: { field: string }[] };
  }>;

describe('orders by the buyer’s name', () => {
  it('when an operator searches a first name, a surname or their first letters, then the buyer’s orders come newest first, page by page, with the name', async () => {
    const apples = farmSnapshot('anna');
    await h.publishListing(apples);
    const lines = [{ listingId: apples.listingId, quantity: 1 }];
    const place = async (name: string) => {
      const r = await h.call('POST', '/orders', {
        token: h.users.carla,
        body: { ...orderBody(lines), contact: { name } },
        headers: { 'idempotency-key': `name-${Math.random()}` },
      });
      expect(r.status).toBe(201);
      return r.body.orderId as string;
    };
    const zoe = [await place('Zoë van Dijk'), await place('Zoë van Dijk'), await place('Zoë van Dijk')];
    const other = await place('Bram Zomer');

    for (const q of ['Zoe', 'zoë van', 'DIJK', 'van d']) {
      const r = await search(`buyerName=${encodeURIComponent(q)}&limit=100`);
      expect([q, r.status]).toEqual([q, 200]);
      expect([q, r.body.items.map((o) => o.buyerName)]).toEqual([q, zoe.map(() => 'Zoë van Dijk')]);
      expect(r.body.items.map((o) => o.orderId)).toEqual([...zoe].reverse());
      expect(r.body.items.every((o) => o.buyerName === 'Zoë van Dijk')).toBe(true);
    }
    // 'zo' starts Zoë and Zomer: both buyers, paged two at a time without repeats
    const first = await search('buyerName=zo&limit=2');
    const second = await search(`buyerName=zo&limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`);
    expect([...first.body.items, ...second.body.items].map((o) => o.orderId)).toEqual([
      other,
      zoe[2],
      zoe[1],
      zoe[0],
    ]);
    expect(second.body.nextCursor).toBeNull();
    expect((await search('buyerName=nobody-here')).body.items).toEqual([]);
    // served by the name keys' index, not by reading every order
    const plan = JSON.stringify(
      await h.db
        .collection('orders')
        .find({ buyerNameKeys: { $elemMatch: { $gte: 'zo', $lt: 'zo\uffff' } } })
        .sort({ placedAt: -1, _id: -1 })
        .limit(3)
        .explain(),
    );
    expect(plan).toContain('IXSCAN');
    expect(plan).not.toContain('COLLSCAN');
    const short = await search('buyerName=z');
    expect([short.status, short.body.errors?.map((e) => e.field)]).toEqual([400, ['query.buyerName']]);
  });
});
