import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, until, type Harness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('erased');
});
afterAll(async () => {
  await h?.stop();
});

const placedAndCancelled = async (orderId: string, buyerId: string) => {
  await h.probe.send('ftt.orders.order.placed.v1', {
    orderId,
    buyerId,
    lines: [{ listingId: 'l1', farmId: 'farm-x', quantity: 1, unitPrice: { amount: 350, currency: 'EUR' } }],
    total: { amount: 350, currency: 'EUR' },
    placedAt: new Date().toISOString(),
  });
  await h.probe.send('ftt.orders.order.cancelled.v1', {
    orderId,
    reason: 'changed my mind',
    cancelledBy: 'buyer',
    paid: true,
  });
};

describe('a person who deleted their account', () => {
  it('when person.erased.v1 arrives (twice), then their profile, inbox, emails and digest items are gone, later events reach them no more, and others keep theirs', async () => {
    const dora = { userId: `prs-${randomUUID().slice(0, 8)}`, role: 'buyer' as const };
    const eli = { userId: `prs-${randomUUID().slice(0, 8)}`, role: 'buyer' as const };
    const email = `${dora.userId}@people.fieldtotable.test`;
    expect((await h.call('PATCH', '/me/profile', dora, { email, language: 'nl' })).status).toBe(200);
    const doraOrder = `ord-${randomUUID()}`;
    await placedAndCancelled(doraOrder, dora.userId);
    await placedAndCancelled(`ord-${randomUUID()}`, eli.userId);
    await until(async () => {
      const r = await h.call('GET', '/me/notifications', dora);
      return r.body.items.length > 0 ? true : undefined;
    });
    await until(async () => ((await h.mail.subjectsTo(email)).length > 0 ? true : undefined));
    const eliBefore = await h.db.collection('deliveries').countDocuments({ recipient: eli.userId });
    expect(eliBefore).toBeGreaterThan(0);

    const id = randomUUID();
    const at = new Date().toISOString();
    await h.probe.send('ftt.identity.person.erased.v1', { personId: dora.userId, at }, { id });
    await until(async () =>
      (await h.db.collection('deliveries').countDocuments({ recipient: dora.userId })) === 0
        ? true
        : undefined,
    );
    const profile = await h.db.collection('profiles').findOne({ _id: dora.userId as never });
    expect(profile).toEqual({ _id: dora.userId, erasedAt: at, roles: [], regions: [] });
    expect(JSON.stringify(await h.db.collection('deliveries').find({}).toArray())).not.toContain(email);
    expect(await h.db.collection('digest_items').countDocuments({ recipient: dora.userId })).toBe(0);
    expect((await h.call('GET', '/me/notifications', dora)).body.items).toEqual([]);

    // a late event about her order (the refund) reaches her no more; the erasure again changes nothing
    await h.probe.send('ftt.orders.payment.refunded.v1', {
      orderId: doraOrder,
      paymentId: 'pi_1',
      refundId: 're_1',
      amount: { amount: 350, currency: 'EUR' },
    });
    await h.probe.send('ftt.identity.person.erased.v1', { personId: dora.userId, at }, { id });
    await placedAndCancelled(`ord-${randomUUID()}`, eli.userId);
    await until(async () =>
      (await h.db.collection('deliveries').countDocuments({ recipient: eli.userId })) > eliBefore
        ? true
        : undefined,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await h.db.collection('deliveries').countDocuments({ recipient: dora.userId })).toBe(0);
    expect(await h.db.collection('profiles').findOne({ _id: dora.userId as never })).toEqual(profile);
  });
});
