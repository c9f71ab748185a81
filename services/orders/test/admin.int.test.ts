import { startedForFile } from '@ftt/kit/test-hooks';
import { describe, expect, it } from 'vitest';
import { startHarness } from './support/harness';
import { confirmedOrder, eventsSettled, orderAwaitingPayment, placeTwoFarmOrder } from './support/saga-steps';

const h = startedForFile(() => startHarness());

const audit = (orderId: string) => h.db.collection('admin_audit').find({ 'target.type': 'order', 'target.id': orderId }).toArray();

describe("the operators' back office over orders", () => {
  it('when a buyer, farmer or anonymous caller asks for the admin endpoints, then 403 / 401 and nothing is written', async () => {
    const o = await confirmedOrder(h);
    for (const who of [h.users.ben, h.users.anna]) {
      expect((await h.call('GET', '/admin/orders', { token: who })).status).toBe(403);
      expect((await h.call('GET', `/admin/orders/${o.orderId}`, { token: who })).status).toBe(403);
      const refund = await h.call('POST', `/admin/orders/${o.orderId}/refunds`, { token: who, body: { reason: 'goodwill' } });
      expect(refund).toMatchObject({ status: 403, body: { code: 'auth.forbidden' } });
    }
    expect((await h.call('GET', '/admin/orders/stuck')).status).toBe(401);
    expect(await audit(o.orderId)).toHaveLength(0);
    expect((await h.storedOrder(o.orderId))!.operatorRefunds ?? []).toHaveLength(0);
  });

  it('when an admin lists orders by state, buyer, farm or id prefix, then the pages follow each other without gaps or repeats', async () => {
    const placed = [];
    for (let i = 0; i < 3; i++) placed.push(await placeTwoFarmOrder(h, h.users.carla));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res = await h.call('GET', `/admin/orders?buyerId=user-buyer-carla&limit=2${after ? `&cursor=${after}` : ''}`, { token: h.users.ada });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((o: { orderId: string }) => o.orderId));
      after = res.body.nextCursor;
    } while (after);
    expect(seen).toHaveLength(new Set(seen).size);
    expect(seen.slice(0, 3)).toEqual(placed.map((p) => p.orderId).reverse());

    const pending = await h.call('GET', '/admin/orders?state=pending&limit=100', { token: h.users.ada });
    expect(pending.body.items.every((o: { state: string }) => o.state === 'pending')).toBe(true);
    const farmId = placed[0]!.apples.farmId;
    const byFarm = await h.call('GET', `/admin/orders?farmId=${farmId}`, { token: h.users.ada });
    expect(byFarm.body.items.map((o: { orderId: string }) => o.orderId)).toEqual([placed[0]!.orderId]);
    const id = placed[1]!.orderId;
    const byPrefix = await h.call('GET', `/admin/orders?orderId=${id.slice(0, 12)}`, { token: h.users.ada });
    expect(byPrefix.body.items.map((o: { orderId: string }) => o.orderId)).toContain(id);
    expect(byPrefix.body.items[0]).toMatchObject({ orderId: expect.any(String), total: { currency: 'EUR' }, farms: expect.any(Array) });
  });

  it('when an admin sends bad input, then 400 problem+json naming the field', async () => {
    const bad = [
      ['/admin/orders?state=lost', 'query.state'],
      ['/admin/orders?limit=0', 'query.limit'],
      ['/admin/orders?cursor=not-a-cursor', 'query.cursor'],
      ['/admin/orders?orderId=%24where', 'query.orderId'],
      ['/admin/orders/stuck?olderThanMinutes=-5', 'query.olderThanMinutes'],
      ['/admin/orders/stuck?state=completed', 'query.state'],
    ];
    for (const [path, field] of bad) {
      const res = await h.call('GET', path!, { token: h.users.ada });
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field), path).toContain(field);
    }
    const o = await confirmedOrder(h);
    const noReason = await h.call('POST', `/admin/orders/${o.orderId}/refunds`, { token: h.users.ada, body: { amountMinor: 100 } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('body.reason');
    const negative = await h.call('POST', `/admin/orders/${o.orderId}/refunds`, { token: h.users.ada, body: { amountMinor: -1, reason: 'goodwill' } });
    expect(negative.body.errors[0].field).toBe('body.amountMinor');
    expect((await h.call('GET', '/admin/orders/no-such-order', { token: h.users.ada })).status).toBe(404);
  });

  it('when an order has not moved for longer than the bound, then it is listed as stuck, the oldest first', async () => {
    const o = await placeTwoFarmOrder(h);
    await h.db.collection('orders').updateOne({ _id: o.orderId as never }, { $set: { updatedAt: new Date(Date.now() - 60 * 60_000).toISOString() } });
    const stuck = await h.call('GET', '/admin/orders/stuck?olderThanMinutes=30&limit=100', { token: h.users.ada });
    expect(stuck.status).toBe(200);
    const ids = stuck.body.items.map((x: { orderId: string }) => x.orderId);
    expect(ids).toContain(o.orderId);
    expect(stuck.body.items.every((x: { state: string }) => ['pending', 'awaiting_payment', 'confirmed'].includes(x.state))).toBe(true);
    const fresh = await placeTwoFarmOrder(h);
    const again = await h.call('GET', '/admin/orders/stuck?olderThanMinutes=30&limit=100', { token: h.users.ada });
    expect(again.body.items.map((x: { orderId: string }) => x.orderId)).not.toContain(fresh.orderId);
  });

  it('when an admin refunds part of a paid order, then stripe refunds it with its own key, payment.refunded is emitted, it is audited and the rest stays refundable', async () => {
    const o = await confirmedOrder(h);
    const res = await h.call('POST', `/admin/orders/${o.orderId}/refunds`, {
      token: h.users.ada,
      body: { amountMinor: 300, reason: 'one bruised crate' },
    });
    expect(res.status).toBe(201);
    expect(res.body.operatorRefunds).toMatchObject([{ id: 'op1', status: 'refunded', amount: { amount: 300, currency: 'EUR' }, by: 'user-admin-ada' }]);
    expect(res.body.refundable.amount).toBe(o.total - 300);
    const call = h.recorder.calls.find((c) => c.path === '/v1/refunds' && c.idempotencyKey === `re-${o.orderId}-op1`);
    expect(call?.body).toContain('amount=300');
    const [ev] = await eventsSettled(h, o.orderId, 'ftt.orders.payment.refunded.v1', 1, 0);
    expect(ev!.data.amount).toEqual({ amount: 300, currency: 'EUR' });
    const [entry] = await audit(o.orderId);
    expect(entry).toMatchObject({ action: 'order.refund', actor: { userId: 'user-admin-ada' }, reason: 'one bruised crate', at: expect.any(String) });
    expect(res.body.entries.map((e: { type: string }) => e.type)).toContain('admin.order.refund');

    const tooMuch = await h.call('POST', `/admin/orders/${o.orderId}/refunds`, { token: h.users.ada, body: { amountMinor: o.total, reason: 'everything' } });
    expect(tooMuch).toMatchObject({ status: 409, body: { code: 'refund.conflict' } });
    expect(tooMuch.headers.get('content-type')).toContain('application/problem+json');
    const rest = await h.call('POST', `/admin/orders/${o.orderId}/refunds`, { token: h.users.ada, body: { reason: 'the rest, as agreed' } });
    expect(rest.body.refundable.amount).toBe(0);
    const none = await h.call('POST', `/admin/orders/${o.orderId}/refunds`, { token: h.users.ada, body: { reason: 'again' } });
    expect(none).toMatchObject({ status: 409, body: { detail: expect.stringContaining('already refunded in full') } });
    expect(await audit(o.orderId)).toHaveLength(2);
  });

  it('when an order was never paid, then a refund is refused with 409 and nothing reaches the provider', async () => {
    const o = await orderAwaitingPayment(h);
    const before = h.recorder.calls.length;
    const res = await h.call('POST', `/admin/orders/${o.orderId}/refunds`, { token: h.users.ada, body: { reason: 'goodwill' } });
    expect(res).toMatchObject({ status: 409, body: { code: 'refund.conflict' } });
    expect(h.recorder.calls.length).toBe(before);
  });

  it("when an admin opens an order, then orders' part of the saga comes in time order with who, when and the trace id", async () => {
    const o = await confirmedOrder(h);
    const res = await h.call('GET', `/admin/orders/${o.orderId}`, { token: h.users.ada });
    expect(res.status).toBe(200);
    const entries = res.body.entries as { at: string; type: string; who: string; service: string; traceId?: string }[];
    expect(entries.map((e) => e.type)).toEqual(['order.placed', 'order.awaiting_payment', 'order.confirmed']);
    expect(entries[0]).toMatchObject({ service: 'orders', who: 'buyer user-buyer-ben' });
    expect([...entries].sort((a, b) => a.at.localeCompare(b.at))).toEqual(entries);
    if (res.body.traceId) expect(entries[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('when an admin pages the audit trail, then it is newest first and names who, what and why', async () => {
    const o = await confirmedOrder(h);
    for (const reason of ['late delivery', 'a second goodwill gesture']) {
      expect((await h.call('POST', `/admin/orders/${o.orderId}/refunds`, { token: h.users.ada, body: { amountMinor: 10, reason } })).status).toBe(201);
    }
    const first = await h.call('GET', '/admin/audit?limit=1', { token: h.users.ada });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toMatchObject({ actor: { userId: 'user-admin-ada' }, action: expect.any(String), reason: expect.any(String), target: { type: 'order' } });
    const second = await h.call('GET', `/admin/audit?limit=1&cursor=${first.body.nextCursor}`, { token: h.users.ada });
    expect(second.body.items[0].at <= first.body.items[0].at).toBe(true);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    const orderId = first.body.items[0].target.id;
    const targeted = await h.call('GET', `/admin/audit?targetType=order&targetId=${orderId}&limit=100`, { token: h.users.ada });
    expect(targeted.body.items.every((e: { target: { id: string } }) => e.target.id === orderId)).toBe(true);
    const half = await h.call('GET', '/admin/audit?targetType=order', { token: h.users.ada });
    expect(half.status).toBe(400);
    expect(half.body.errors[0].field).toBe('query.targetId');
    expect((await h.call('GET', '/admin/audit', { token: h.users.ben })).status).toBe(403);
  });
});
