import { randomUUID } from 'node:crypto';
import type { TestPrincipal } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import { awaitShipments, listing, orderConfirmed, startHarness, users } from './support';

const h = startedForFile(() => startHarness('logistics-admin'));

const openShipment = async () => {
  const order = orderConfirmed([listing({ farm: 'dehof', lotCode: `A-${randomUUID().slice(0, 8)}` })]);
  await h.probe.send('ftt.orders.order.confirmed.v1', order);
  const [doc] = await awaitShipments(h, order.orderId, 1);
  return { order, id: String(doc!._id) };
};

const audit = (partnerId: string) =>
  h.db.db!.collection('admin_audit').find({ 'target.type': 'partner', 'target.id': partnerId }).sort({ at: 1 }).toArray();

describe("the operators' back office over partners", () => {
  it('when a partner or buyer asks for the admin endpoints, then 403 (401 without a token) and nothing is written', async () => {
    for (const who of [users.pia, users.ben]) {
      expect((await h.call('GET', '/admin/partners', who)).status).toBe(403);
      expect((await h.call('POST', `/admin/partners/${users.pia.userId}/suspend`, who, { reason: 'not allowed' })).status).toBe(403);
      expect((await h.call('GET', '/admin/orders/some-order/timeline', who)).status).toBe(403);
    }
    expect((await h.call('GET', '/admin/partners')).status).toBe(401);
    expect(await audit(users.pia.userId)).toHaveLength(0);
  });

  it('when a partner who claimed is suspended, then they cannot claim (403) until reinstated, and both are audited', async () => {
    const pim: TestPrincipal = { userId: `user-partner-${randomUUID().slice(0, 6)}`, role: 'logistics', name: 'Pim', region: 'Gelderland' };
    const first = await openShipment();
    expect((await h.call('POST', `/shipments/${first.id}/claim`, pim)).status).toBe(200);
    const list = await h.call('GET', '/admin/partners?limit=100', users.ada);
    expect(list.body.items).toContainEqual(expect.objectContaining({ partnerId: pim.userId, name: 'Pim', region: 'Gelderland', claims: 1, suspended: null }));

    const s = await h.call('POST', `/admin/partners/${pim.userId}/suspend`, users.ada, { reason: 'repeated cold-chain breaches' });
    expect(s).toMatchObject({ status: 200, body: { suspended: { by: users.ada.userId, reason: 'repeated cold-chain breaches' } } });
    const second = await openShipment();
    const refused = await h.call('POST', `/shipments/${second.id}/claim`, pim);
    expect(refused).toMatchObject({ status: 403, body: { code: 'partner.forbidden' } });
    expect((await h.db.db!.collection('shipments').findOne({ _id: second.id } as never))!.status).toBe('open');
    expect((await h.call('POST', `/admin/partners/${pim.userId}/suspend`, users.ada, { reason: 'again' })).status).toBe(409);

    expect((await h.call('POST', `/admin/partners/${pim.userId}/reinstate`, users.ada, { reason: 'retrained' })).body.suspended).toBeNull();
    expect((await h.call('POST', `/shipments/${second.id}/claim`, pim)).status).toBe(200);
    expect((await audit(pim.userId)).map((a) => [a.action, a.reason])).toEqual([
      ['partner.suspend', 'repeated cold-chain breaches'],
      ['partner.reinstate', 'retrained'],
    ]);

    const tl = await h.call('GET', `/admin/orders/${second.order.orderId}/timeline`, users.ada);
    expect(tl.status).toBe(200);
    expect(tl.body.entries.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['shipment.created', 'shipment.assigned', 'order_facts.confirmed']),
    );
    expect(tl.body.entries.find((e: { type: string }) => e.type === 'shipment.assigned')).toMatchObject({ who: `partner ${pim.userId}`, service: 'logistics' });
  });

  it('when an admin pages the partners, then pages follow by id without repeats', async () => {
    for (let i = 0; i < 3; i++) {
      const { id } = await openShipment();
      await h.call('POST', `/shipments/${id}/claim`, { userId: `user-partner-page-${i}`, role: 'logistics', region: 'Gelderland' });
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res = await h.call('GET', `/admin/partners?limit=2${after ? `&cursor=${after}` : ''}`, users.ada);
      seen.push(...res.body.items.map((p: { partnerId: string }) => p.partnerId));
      after = res.body.nextCursor;
    } while (after);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['user-partner-page-0', 'user-partner-page-1', 'user-partner-page-2']));
  });

  it('when an admin sends bad input, then 4xx problem+json naming the field', async () => {
    const cases: [string, string, unknown, string][] = [
      ['GET', '/admin/partners?limit=abc', undefined, 'query.limit'],
      ['GET', '/admin/partners?cursor=!!', undefined, 'query.cursor'],
      ['POST', `/admin/partners/${users.pia.userId}/suspend`, { reason: 'x' }, 'body.reason'],
      ['POST', `/admin/partners/${users.pia.userId}/suspend`, {}, 'body.reason'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await h.call(method, path, users.ada, body);
      expect(res.status, path).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field), path).toContain(field);
    }
    expect((await h.call('POST', '/admin/partners/user-partner-nobody/suspend', users.ada, { reason: 'unknown one' })).status).toBe(404);
  });
});
