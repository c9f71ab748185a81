import { randomUUID } from 'node:crypto';
import { Topics } from '@ftt/contracts';
import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import { eventually, listingBody, orderPlaced, placeOrder, publishedListing, startHarness, stockEventsOf } from './support';

const h = startedForFile(() => startHarness('catalog-identity-suspension'));

const searchIds = async (q: string) =>
  ((await h.call('GET', `/listings?q=${encodeURIComponent(q)}&limit=50`)).body.items as { id: string }[]).map((l) => l.id);
const farmDoc = (farmId: string) => h.db.collection('farms').findOne({ _id: farmId as never });

const changed = (farmId: string, state: 'suspended' | 'reinstated', reason: string) => ({
  applicationId: `app-${farmId}`,
  personId: 'user-farmer-anna',
  kind: 'farm' as const,
  placeId: farmId,
  state,
  reason,
  by: 'prs-operator-olga',
  at: new Date().toISOString(),
});

describe('a farm suspended in identity (place.suspension_changed.v1)', () => {
  it('when identity announces a suspension, then the farm sells nothing: out of search, reservations rejected, publishing refused with the reason (403); a redelivery changes nothing; reinstating restores it', async () => {
    const title = `Suspended kale ${randomUUID().slice(0, 6)}`;
    const { farmId, listingId } = await publishedListing(h, 'anna', { title, available: 10 });
    const draft = await h.call('POST', `/farms/${farmId}/listings`, 'anna', listingBody({ title: `${title} draft` }));
    expect(draft.status).toBe(201);
    expect(await searchIds(title)).toContain(listingId);

    const id = randomUUID();
    await h.probe.send('ftt.identity.place.suspension_changed.v1', changed(farmId, 'suspended', 'certificate expired'), { id });
    await eventually(async () => (await farmDoc(farmId))?.suspended);
    expect((await farmDoc(farmId))?.suspended).toMatchObject({ by: 'prs-operator-olga', reason: 'certificate expired' });
    await eventually(async () => !(await searchIds(title)).includes(listingId));

    const refused = await h.call('POST', `/listings/${draft.body.id as string}/publish`, 'anna');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect(refused.body.detail).toMatch(/suspended \(certificate expired\)/);

    const order = orderPlaced([{ listingId, quantity: 1 }]);
    await placeOrder(h, order);
    expect(stockEventsOf(h, order.orderId)[0]).toMatchObject({ type: 'ftt.catalog.stock.rejected.v1' });

    // redelivered: the farm is as it was (no second version, no second audit entry)
    const version = (await farmDoc(farmId))?.version;
    await h.probe.send('ftt.identity.place.suspension_changed.v1', changed(farmId, 'suspended', 'certificate expired'), { id });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await farmDoc(farmId))?.version).toBe(version);

    await h.probe.send('ftt.identity.place.suspension_changed.v1', changed(farmId, 'reinstated', 'new certificate'));
    await eventually(async () => (await farmDoc(farmId))?.suspended === null);
    // The redelivery (same key, so handled before the reinstatement) was taken as done, not retried until
    // dead-lettered as it once was (the command's "duplicate" treated as a failure); a dead letter would be on its
    // topic by now, give the probe a moment to read it.
    await new Promise((r) => setTimeout(r, 1000));
    expect(h.probe.deadLetters(Topics.people)).toEqual([]);
    await eventually(async () => (await searchIds(title)).includes(listingId));
    const published = await h.call('POST', `/listings/${draft.body.id as string}/publish`, 'anna');
    expect(published).toMatchObject({ status: 200, body: { status: 'published' } });

    const audit = await h.db.collection('admin_audit').find({ 'target.id': farmId }).sort({ at: 1 }).toArray();
    expect(audit.map((a) => [a.action, a.reason, a.actor.userId])).toEqual([
      ['farm.suspend', 'certificate expired', 'prs-operator-olga'],
      ['farm.reinstate', 'new certificate', 'prs-operator-olga'],
    ]);
  });

  it('when identity suspends a partner or a farm never opened here, then catalog changes nothing and keeps consuming', async () => {
    await h.probe.send('ftt.identity.place.suspension_changed.v1', { ...changed('ptn-x', 'suspended', 'late'), kind: 'partner' });
    await h.probe.send('ftt.identity.place.suspension_changed.v1', changed('farm-never-opened', 'suspended', 'no such farm here'));
    const title = `After kale ${randomUUID().slice(0, 6)}`;
    const { listingId } = await publishedListing(h, 'joost', { title });
    const order = orderPlaced([{ listingId, quantity: 1 }]);
    await placeOrder(h, order);
    expect(stockEventsOf(h, order.orderId)[0]!.type).toBe('ftt.catalog.stock.reserved.v1');
    expect(await h.db.collection('farms').findOne({ _id: 'farm-never-opened' as never })).toBeNull();
  });
});
