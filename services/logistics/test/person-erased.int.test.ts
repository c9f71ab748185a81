import { randomUUID } from 'node:crypto';
import { Topics } from '@ftt/contracts';
import { startServiceUnderTest, testEnv } from '@ftt/kit/testing';
import { startedForFile } from '@ftt/kit/test-hooks';
import { describe, expect, it } from 'vitest';
import { startLogistics } from '../src/service';
import { awaitShipments, BUYER, listing, orderConfirmed, shipmentsOf, until, users } from './support';

const h = startedForFile(() => {
  const t = testEnv('logistics-erased');
  return startServiceUnderTest(t, [Topics.orders, Topics.listings, Topics.shipments], () =>
    startLogistics(t.serviceEnv({ TRACE_ID_BASE: 'https://id.test.example', ERASURE_SWEEP_MS: '300' })),
  );
});

const shipmentOf = async (orderId: string) => (await awaitShipments(h, orderId, 1))[0]!;
const personal = [BUYER.contactName, BUYER.phone, BUYER.line1, BUYER.line2, BUYER.postalCode, BUYER.city, 'B. Koopmans'];
const leaks = (doc: unknown) => personal.filter((p) => JSON.stringify(doc).includes(p));

const delivered = async (shipmentId: string) => {
  for (const step of ['claim', 'pickup', 'out-for-delivery'])
    expect((await h.call('POST', `/shipments/${shipmentId}/${step}`, users.pia)).status).toBe(200);
  const r = await h.call('POST', `/shipments/${shipmentId}/deliver`, users.pia, {
    recipientName: 'B. Koopmans',
    proofRef: `pod-${shipmentId}`,
  });
  expect(r.status).toBe(200);
};

describe('a person who deleted their account (identity’s person.erased.v1)', () => {
  it('when a buyer is erased, then their delivered box loses name, address, phone and receiver and keeps its trace; a box on its way keeps the door until it ends; others keep theirs; a redelivery changes nothing', async () => {
    const buyerId = `prs-${randomUUID().slice(0, 8)}`;
    const lot = () => `ER-${randomUUID().slice(0, 8)}`;
    const done = orderConfirmed([listing({ farm: 'dehof', lotCode: lot() })], buyerId);
    const onItsWay = orderConfirmed([listing({ farm: 'dehof', lotCode: lot() })], buyerId);
    const someoneElse = orderConfirmed([listing({ farm: 'dehof', lotCode: lot() })], `prs-${randomUUID().slice(0, 8)}`);
    for (const o of [done, onItsWay, someoneElse]) await h.probe.send('ftt.orders.order.confirmed.v1', o);
    const a = await shipmentOf(done.orderId);
    await delivered(a._id as unknown as string);
    const b = await shipmentOf(onItsWay.orderId);
    const other = await shipmentOf(someoneElse.orderId);

    const id = randomUUID();
    const at = new Date().toISOString();
    await h.probe.send('ftt.identity.person.erased.v1', { personId: buyerId, at }, { id });
    const erased = await until(async () => {
      const [s] = await shipmentsOf(h, done.orderId);
      return s?.recipientErasedAt ? s : undefined;
    });
    expect(leaks(erased)).toEqual([]);
    expect(erased).toMatchObject({
      status: 'delivered',
      buyerId,
      dropoff: { address: { line1: 'removed', city: 'removed', postalCode: 'removed', country: 'NL' }, contactName: 'removed' },
      delivery: { recipientName: 'removed', proofRef: `pod-${a._id as unknown as string}` },
      lotCodes: a.lotCodes,
      farmId: a.farmId,
    });
    expect(erased.steps.map((s: { step: string }) => s.step)).toEqual([
      'created',
      'assigned',
      'picked_up',
      'out_for_delivery',
      'delivered',
    ]);
    // the box on its way still has the door; the other buyer's box is untouched
    const [stillOpen] = await shipmentsOf(h, onItsWay.orderId);
    expect(stillOpen!.dropoff).toEqual(b.dropoff);
    expect(stillOpen!.recipientErasedAt).toBeUndefined();
    // the person's erasure waits for that box: recorded after the shipments are erased, in the same handling
    const waiting = await until(async () => (await h.db.db!.collection('erasures').findOne({ _id: buyerId as never })) ?? undefined);
    expect(waiting).toBeTruthy();
    expect((await shipmentsOf(h, someoneElse.orderId))[0]!.dropoff).toEqual(other.dropoff);

    // the redelivered event writes nothing more
    const version = erased.version as number;
    await h.probe.send('ftt.identity.person.erased.v1', { personId: buyerId, at }, { id });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await shipmentsOf(h, done.orderId))[0]!.version).toBe(version);

    // the box on its way ends (the order is cancelled): the sweep erases it and the person's erasure is finished
    await h.probe.send('ftt.orders.order.cancelled.v1', {
      orderId: onItsWay.orderId,
      reason: 'account deleted',
      cancelledBy: 'admin',
      paid: true,
    });
    const later = await until(async () => {
      const [s] = await shipmentsOf(h, onItsWay.orderId);
      return s?.recipientErasedAt ? s : undefined;
    });
    expect(later.status).toBe('cancelled');
    expect(leaks(later)).toEqual([]);
    await until(async () =>
      (await h.db.db!.collection('erasures').findOne({ _id: buyerId as never })) ? undefined : true,
    );
    expect(leaks((await shipmentsOf(h, someoneElse.orderId))[0])).not.toEqual([]);
  });

  it('when a partner’s member who claimed is erased, then the partner record no longer shows their name', async () => {
    const o = orderConfirmed([listing({ farm: 'dehof', lotCode: `ER-${randomUUID().slice(0, 8)}` })]);
    await h.probe.send('ftt.orders.order.confirmed.v1', o);
    const s = await shipmentOf(o.orderId);
    const dirk = { ...users.dirk, userId: `prs-${randomUUID().slice(0, 8)}`, name: 'Dirk Rijders' };
    expect((await h.call('POST', `/shipments/${s._id as unknown as string}/claim`, dirk)).status).toBe(200);
    const partners = h.db.db!.collection('partners');
    const partnerId = users.pia.userId;
    expect(await partners.findOne({ _id: partnerId as never })).toMatchObject({ name: 'Dirk Rijders', namedBy: dirk.userId });
    await h.probe.send('ftt.identity.person.erased.v1', { personId: dirk.userId, at: new Date().toISOString() });
    await until(async () => ((await partners.findOne({ _id: partnerId as never }))?.name === 'removed' ? true : undefined));
    const admin = await h.call('GET', `/admin/partners`, users.ada);
    expect(JSON.stringify(admin.body)).not.toContain('Dirk Rijders');
  });

  it('when the erasure looks up a buyer’s shipments, then it reads an index', async () => {
    const plan = await h.db.db!.collection('shipments').find({ buyerId: 'prs-x' }).sort({ buyerId: 1, _id: 1 }).explain();
    expect(JSON.stringify(plan)).toContain('IXSCAN');
  });
});
