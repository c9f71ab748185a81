import { randomUUID } from 'node:crypto';
import { startedForFile } from '@ftt/kit/test-hooks';
import { describe, expect, it } from 'vitest';
import { awaitShipments, listing, orderConfirmed, startHarness, until, users } from './support';

const h = startedForFile(() => startHarness('logistics-identity-suspension'));

const changed = (partnerId: string, state: 'suspended' | 'reinstated', reason: string) => ({
  applicationId: `app-${partnerId}`,
  personId: partnerId,
  kind: 'partner' as const,
  placeId: partnerId,
  state,
  reason,
  by: 'prs-operator-olga',
  at: new Date().toISOString(),
});
const partner = (id: string) => h.db.db!.collection('partners').findOne({ _id: id as never });
const openShipment = async () => {
  const o = orderConfirmed([listing({ farm: 'dehof', lotCode: `SU-${randomUUID().slice(0, 8)}` })]);
  await h.probe.send('ftt.orders.order.confirmed.v1', o);
  return String((await awaitShipments(h, o.orderId, 1))[0]!._id);
};

describe('a partner suspended in identity (place.suspension_changed.v1)', () => {
  it('when identity announces a suspension, then the partner can neither claim nor pick up (403 naming why), boxes on the road are still delivered, a redelivery changes nothing, and reinstating restores it', async () => {
    const onTheRoad = await openShipment();
    const claimedOnly = await openShipment();
    const open = await openShipment();
    for (const id of [onTheRoad, claimedOnly]) expect((await h.call('POST', `/shipments/${id}/claim`, users.pia)).status).toBe(200);
    expect((await h.call('POST', `/shipments/${onTheRoad}/pickup`, users.pia)).status).toBe(200);

    const id = randomUUID();
    await h.probe.send('ftt.identity.place.suspension_changed.v1', changed(users.pia.userId, 'suspended', 'late deliveries'), { id });
    await until(async () => ((await partner(users.pia.userId))?.suspended ? true : undefined));

    const claim = await h.call('POST', `/shipments/${open}/claim`, users.pia);
    expect(claim.status).toBe(403);
    expect(claim.type).toContain('application/problem+json');
    expect(claim.body.detail).toMatch(/suspended \(late deliveries\)/);
    expect((await h.call('POST', `/shipments/${claimedOnly}/pickup`, users.pia)).status).toBe(403);
    // the driver's box already on the road still reaches its buyer
    expect((await h.call('POST', `/shipments/${onTheRoad}/out-for-delivery`, users.dirk)).status).toBe(200);

    await h.probe.send('ftt.identity.place.suspension_changed.v1', changed(users.pia.userId, 'suspended', 'late deliveries'), { id });
    await h.probe.send('ftt.identity.place.suspension_changed.v1', changed(users.pia.userId, 'reinstated', 'on time again'));
    await until(async () => ((await partner(users.pia.userId))?.suspended === null ? true : undefined));
    expect((await h.call('POST', `/shipments/${open}/claim`, users.pia)).status).toBe(200);
    expect((await h.call('POST', `/shipments/${claimedOnly}/pickup`, users.pia)).status).toBe(200);

    const audit = await h.db.db!.collection('admin_audit').find({ 'target.id': users.pia.userId }).sort({ at: 1 }).toArray();
    expect(audit.map((a) => [a.action, a.reason, a.actor.userId])).toEqual([
      ['partner.suspend', 'late deliveries', 'prs-operator-olga'],
      ['partner.reinstate', 'on time again', 'prs-operator-olga'],
    ]);
  });

  it('when a partner that never claimed is suspended, then it gets a record and its first claim is refused', async () => {
    const omar = users.omar.userId;
    expect(await partner(omar)).toBeNull();
    await h.probe.send('ftt.identity.place.suspension_changed.v1', changed(omar, 'suspended', 'insurance lapsed'));
    await until(async () => ((await partner(omar))?.suspended ? true : undefined));
    const o = orderConfirmed([listing({ farm: 'polder', lotCode: `SU-${randomUUID().slice(0, 8)}` })]);
    await h.probe.send('ftt.orders.order.confirmed.v1', o);
    const [s] = await awaitShipments(h, o.orderId, 1);
    expect((await h.call('POST', `/shipments/${String(s!._id)}/claim`, users.omar)).status).toBe(403);
  });
});
