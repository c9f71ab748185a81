import { eventually } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import { paymentIntent, startHarness } from './support/harness';
import { confirmedOrder, eventsSettled, orderAwaitingPayment, placeTwoFarmOrder, shipmentRef } from './support/saga-steps';

const h = startedForFile(() => startHarness());


describe('the order saga with Stripe (stripe-mock)', () => {
  it('when an order is placed, then it is pending, priced from the listings, and order.placed is emitted', async () => {
    const { orderId, apples, kale, placed } = await placeTwoFarmOrder(h);
    expect(placed.body).toMatchObject({
      state: 'pending',
      totals: { goods: { amount: 700 + 597 }, delivery: { amount: 990 }, total: { amount: 700 + 597 + 990, currency: 'EUR' } },
    });
    expect(placed.body.valueSplit.farms).toEqual([
      expect.objectContaining({ farmId: apples.farmId, farmerReceives: { amount: 665, currency: 'EUR' }, platformFee: { amount: 35, currency: 'EUR' }, logisticsCost: { amount: 495, currency: 'EUR' }, farmShareOfProducePercent: 95 }),
      expect.objectContaining({ farmId: kale.farmId, farmerReceives: { amount: 567, currency: 'EUR' }, platformFee: { amount: 30, currency: 'EUR' }, farmShareOfProducePercent: 95 }),
    ]);
    expect(placed.body.timeline).toEqual([expect.objectContaining({ state: 'pending', kind: 'placed' })]);
    const stored = await h.storedOrder(orderId);
    expect(stored).toMatchObject({ state: 'pending', buyerId: 'user-buyer-ben', farmIds: [apples.farmId, kale.farmId] });
    const [event] = await eventsSettled(h, orderId, 'ftt.orders.order.placed.v1', 1, 0);
    expect(event!.data).toMatchObject({
      buyerId: 'user-buyer-ben',
      lines: [
        { listingId: apples.listingId, farmId: apples.farmId, quantity: 2, unitPrice: { amount: 350, currency: 'EUR' } },
        { listingId: kale.listingId, farmId: kale.farmId, quantity: 3, unitPrice: { amount: 199, currency: 'EUR' } },
      ],
      total: { amount: 2287, currency: 'EUR' },
    });
  });

  it('when stock is reserved, then a PaymentIntent is created once with the order as metadata and transfer group', async () => {
    const o = await orderAwaitingPayment(h);
    const stored = await h.storedOrder(o.orderId);
    expect(stored!.payment).toMatchObject({ provider: 'stripe', status: 'requires_payment', amount: { amount: 2287, currency: 'EUR' } });
    expect(o.paymentId).toMatch(/^pi_/);
    const creates = h.recorder.of('POST', '/v1/payment_intents').filter((c) => c.idempotencyKey === `pi-${o.orderId}`);
    expect(creates).toHaveLength(1);
    const form = new URLSearchParams(creates[0]!.body);
    expect(Object.fromEntries(form)).toMatchObject({ amount: '2287', currency: 'eur', 'metadata[orderId]': o.orderId, transfer_group: o.orderId });
    expect(creates[0]!.responseId).toBe(o.paymentId);
    const again = await h.call('POST', `/orders/${o.orderId}/payment`, { token: h.users.ben });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ provider: 'stripe', paymentId: o.paymentId, clientSecret: stored!.payment.clientSecret });
    expect(again.body.clientSecret).toMatch(/_secret_/);
  });

  it('when Stripe signs payment_intent.succeeded, then the order is confirmed with a shipment plan per farm', async () => {
    const o = await orderAwaitingPayment(h);
    const res = await h.webhook('payment_intent.succeeded', paymentIntent(o.paymentId, o.orderId, o.total));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, applied: true });
    expect((await h.storedOrder(o.orderId))!.state).toBe('confirmed');
    const [succeeded] = await eventsSettled(h, o.orderId, 'ftt.orders.payment.succeeded.v1', 1, 0);
    expect(succeeded!.data).toEqual({ orderId: o.orderId, paymentId: o.paymentId, provider: 'stripe', amount: { amount: 2287, currency: 'EUR' } });
    const [confirmed] = await eventsSettled(h, o.orderId, 'ftt.orders.order.confirmed.v1', 1, 0);
    expect(confirmed!.data.dropoff).toMatchObject({ contactName: 'Ben Buyer', address: { city: 'Utrecht' } });
    expect(confirmed!.data.shipments).toEqual([
      {
        farmId: o.apples.farmId,
        farmName: 'Anna’s Orchard',
        region: 'Gelderland',
        pickupAddress: o.apples.pickupAddress,
        coldChain: { minC: 2, maxC: 8 },
        lines: [{ listingId: o.apples.listingId, title: 'Elstar apples', quantity: 2, unit: 'kg', lotCode: o.apples.lot.lotCode }],
      },
      expect.objectContaining({ farmId: o.kale.farmId, lines: [expect.objectContaining({ title: 'Curly kale', unit: 'bunch', lotCode: o.kale.lot.lotCode })] }),
    ]);
  });

  it('when the same webhook arrives twice, then the order moves once and emits once', async () => {
    const o = await orderAwaitingPayment(h);
    const id = `evt_dup_${o.orderId}`;
    const first = await h.webhook('payment_intent.succeeded', paymentIntent(o.paymentId, o.orderId, o.total), { id });
    const second = await h.webhook('payment_intent.succeeded', paymentIntent(o.paymentId, o.orderId, o.total), { id });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual({ received: true, applied: false, ignored: 'duplicate event' });
    const stored = await h.storedOrder(o.orderId);
    expect(stored!.timeline.filter((e: { state: string }) => e.state === 'confirmed')).toHaveLength(1);
    expect(stored!.processedEventIds).toContain(id);
    expect(await eventsSettled(h, o.orderId, 'ftt.orders.order.confirmed.v1', 1)).toHaveLength(1);
  });

  it('when the webhook signature is bad or missing, then 400 and the order does not move', async () => {
    const o = await orderAwaitingPayment(h);
    const pi = paymentIntent(o.paymentId, o.orderId, o.total);
    const missing = await h.webhook('payment_intent.succeeded', pi, { signature: null });
    const wrongSecret = await h.webhook('payment_intent.succeeded', pi, { secret: 'whsec_someone_else' });
    const forged = await h.webhook('payment_intent.succeeded', pi, { signature: 't=1,v1=deadbeef' });
    for (const r of [missing, wrongSecret, forged]) {
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(r.body.errors[0].field).toBe('headers.stripe-signature');
    }
    await new Promise((r) => setTimeout(r, 300));
    const stored = await h.storedOrder(o.orderId);
    expect(stored!.state).toBe('awaiting_payment');
    expect(stored!.version).toBe(2);
    expect(h.eventsOf(o.orderId).map((e) => e.type)).not.toContain('ftt.orders.payment.succeeded.v1');
  });

  it('when a payment fails, then payment.failed is emitted, the order keeps waiting and the buyer can retry and pay', async () => {
    const o = await orderAwaitingPayment(h);
    const failed = await h.webhook('payment_intent.payment_failed', paymentIntent(o.paymentId, o.orderId, o.total, { status: 'requires_payment_method', last_payment_error: { code: 'card_declined' } }));
    expect(failed.body).toEqual({ received: true, applied: true });
    const [event] = await eventsSettled(h, o.orderId, 'ftt.orders.payment.failed.v1', 1, 0);
    expect(event!.data).toEqual({ orderId: o.orderId, paymentId: o.paymentId, provider: 'stripe', reason: 'card_declined' });
    expect(await h.storedOrder(o.orderId)).toMatchObject({ state: 'awaiting_payment', payment: { failures: 1, lastFailure: 'card_declined' } });
    const retry = await h.call('POST', `/orders/${o.orderId}/payment`, { token: h.users.ben });
    expect(retry.status).toBe(200);
    expect(retry.body.paymentId).toBe(o.paymentId);
    await h.webhook('payment_intent.succeeded', paymentIntent(o.paymentId, o.orderId, o.total));
    await h.waitForState(o.orderId, 'confirmed');
  });

  it('when Stripe sends an event type we do not handle, then it is acknowledged and ignored', async () => {
    const res = await h.webhook('charge.refund.updated', { id: 're_123', object: 'refund' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, applied: false, ignored: 'event type charge.refund.updated is not handled' });
  });

  it('when every farm delivered, then the order completes and each farmer is paid once by a Stripe transfer', async () => {
    const o = await confirmedOrder(h);
    const farms = [o.apples.farmId, o.kale.farmId];
    await h.probe.send('ftt.logistics.shipment.picked_up.v1', shipmentRef(o.orderId, farms[0]!));
    await h.probe.send('ftt.logistics.shipment.delivered.v1', { ...shipmentRef(o.orderId, farms[0]!), recipientName: 'Ben', proofRef: 'proof-1' });
    await eventually(async () => (await h.storedOrder(o.orderId))!.farms[0].deliveredAt);
    expect((await h.storedOrder(o.orderId))!.state).toBe('confirmed');
    const lastDelivery = { ...shipmentRef(o.orderId, farms[1]!), recipientName: 'Ben', proofRef: 'proof-2' };
    const delivered = await h.probe.send('ftt.logistics.shipment.delivered.v1', lastDelivery);
    await h.waitForState(o.orderId, 'completed');

    const payouts = await eventsSettled(h, o.orderId, 'ftt.orders.payout.made.v1', 2);
    const transfers = h.recorder.of('POST', '/v1/transfers').filter((c) => c.idempotencyKey?.startsWith(`tr-${o.orderId}-`));
    // One key per farm; each payout names the transfer Stripe answered for that farm's key.
    expect(new Set(transfers.map((t) => t.idempotencyKey))).toEqual(new Set(farms.map((f) => `tr-${o.orderId}-${f}`)));
    expect(payouts.map(({ data: { transferId: _t, ...rest } }) => rest).sort((a, b) => a.farmId.localeCompare(b.farmId))).toEqual(
      [
        { orderId: o.orderId, farmId: farms[0]!, destination: 'acct_anna', gross: { amount: 700, currency: 'EUR' }, platformFee: { amount: 35, currency: 'EUR' }, amount: { amount: 665, currency: 'EUR' } },
        { orderId: o.orderId, farmId: farms[1]!, destination: 'acct_joost', gross: { amount: 597, currency: 'EUR' }, platformFee: { amount: 30, currency: 'EUR' }, amount: { amount: 567, currency: 'EUR' } },
      ].sort((a, b) => a.farmId.localeCompare(b.farmId)),
    );
    for (const p of payouts) {
      expect(p.data.transferId).toMatch(/^tr_/);
      const answered = transfers.filter((t) => t.idempotencyKey === `tr-${o.orderId}-${p.data.farmId}`).map((t) => t.responseId);
      expect(answered).toContain(p.data.transferId);
    }
    const forAnna = new URLSearchParams(transfers.find((t) => t.idempotencyKey === `tr-${o.orderId}-${farms[0]}`)!.body);
    expect(transfers.filter((t) => t.idempotencyKey === `tr-${o.orderId}-${farms[0]}`)).toHaveLength(1); // the sweeper joined, not raced
    expect(Object.fromEntries(forAnna)).toMatchObject({ amount: '665', currency: 'eur', destination: 'acct_anna', transfer_group: o.orderId });
    expect(await eventsSettled(h, o.orderId, 'ftt.orders.order.completed.v1', 1, 0)).toHaveLength(1);
    const stored = await h.storedOrder(o.orderId);
    expect(stored!.farms.map((f: { payout: { status: string } }) => f.payout.status)).toEqual(['paid', 'paid']);
    expect(stored!.followUpAt).toBeNull();

    // a redelivered delivery and a late one change nothing and pay nobody twice
    await h.probe.send('ftt.logistics.shipment.delivered.v1', lastDelivery, { id: delivered.id });
    await h.probe.send('ftt.logistics.shipment.delivered.v1', { ...shipmentRef(o.orderId, farms[0]!), recipientName: 'Ben', proofRef: 'late' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.eventsOf(o.orderId).filter((e) => e.type === 'ftt.orders.payout.made.v1')).toHaveLength(2);
    expect((await h.storedOrder(o.orderId))!.version).toBe(stored!.version);

    // what the farmer sees
    const annaPayouts = await h.call('GET', `/farms/${farms[0]}/payouts`, { token: await h.farmer(farms[0]!) });
    expect(annaPayouts.status).toBe(200);
    expect(annaPayouts.body.items).toEqual([expect.objectContaining({ orderId: o.orderId, status: 'paid', transferId: payouts.find((p) => p.data.farmId === farms[0])!.data.transferId, amount: { amount: 665, currency: 'EUR' } })]);
    expect((await h.call('GET', `/farms/${farms[0]}/payouts/totals`, { token: await h.farmer(farms[0]!) })).body.totals).toEqual([{ currency: 'EUR', gross: { amount: 700, currency: 'EUR' }, platformFee: { amount: 35, currency: 'EUR' }, paid: { amount: 665, currency: 'EUR' }, pending: { amount: 0, currency: 'EUR' }, transfers: 1, farmShareOfProducePercent: 95 }]);
    expect((await h.call('GET', `/farms/${farms[0]}/payouts`, { token: h.users.joost })).status).toBe(403);
    const view = await h.call('GET', `/orders/${o.orderId}`, { token: h.users.ben });
    expect(view.body.timeline.map((e: { state: string }) => e.state)).toEqual(['pending', 'awaiting_payment', 'confirmed', 'confirmed', 'confirmed', 'confirmed', 'completed', 'completed', 'completed']);
  });

  it('when every shipment is returned, then the order is refunded in full through Stripe', async () => {
    const o = await confirmedOrder(h);
    await h.probe.send('ftt.logistics.shipment.returned.v1', { ...shipmentRef(o.orderId, o.kale.farmId), reason: 'nobody home' });
    await eventually(async () => (await h.storedOrder(o.orderId))!.farms[1].returned);
    expect((await h.storedOrder(o.orderId))!.state).toBe('confirmed');
    await h.probe.send('ftt.logistics.shipment.returned.v1', { ...shipmentRef(o.orderId, o.apples.farmId), reason: 'nobody home' });
    await h.waitForState(o.orderId, 'refunded');
    const [refunded] = await eventsSettled(h, o.orderId, 'ftt.orders.payment.refunded.v1', 1);
    const refundCall = h.recorder.of('POST', '/v1/refunds').find((c) => c.idempotencyKey === `re-${o.orderId}`)!;
    expect(refunded!.data).toEqual({ orderId: o.orderId, paymentId: o.paymentId, refundId: refundCall.responseId, amount: { amount: 2287, currency: 'EUR' } });
    expect(refunded!.data.refundId).toMatch(/^re_/);
    expect(await h.storedOrder(o.orderId)).toMatchObject({ refund: { status: 'refunded', refundId: refundCall.responseId } });
    expect(await eventsSettled(h, o.orderId, 'ftt.orders.payout.made.v1', 0, 300)).toHaveLength(0);
  });

  it('when one farm delivered and the other was returned, then that farmer is paid and the buyer gets the returned part back', async () => {
    const o = await confirmedOrder(h);
    await h.probe.send('ftt.logistics.shipment.delivered.v1', { ...shipmentRef(o.orderId, o.apples.farmId), recipientName: 'Ben', proofRef: 'proof-1' });
    await h.probe.send('ftt.logistics.shipment.returned.v1', { ...shipmentRef(o.orderId, o.kale.farmId), reason: 'crates crushed' });
    await h.waitForState(o.orderId, 'completed');
    const [payout] = await eventsSettled(h, o.orderId, 'ftt.orders.payout.made.v1', 1);
    const [refunded] = await eventsSettled(h, o.orderId, 'ftt.orders.payment.refunded.v1', 1);
    const stored = await h.storedOrder(o.orderId);
    const kale = stored!.farms.find((f: { farmId: string }) => f.farmId === o.kale.farmId);
    const apples = stored!.farms.find((f: { farmId: string }) => f.farmId === o.apples.farmId);
    expect(payout!.data.farmId).toBe(o.apples.farmId);
    expect(refunded!.data.amount.amount).toBe(kale.goods.amount + kale.deliveryFee.amount);
    // Money is conserved: the payment = the refund + the delivered farm's goods and delivery.
    expect(refunded!.data.amount.amount + apples.goods.amount + apples.deliveryFee.amount).toBe(2287);
    expect(kale.payout ?? undefined).toBeUndefined();
  });
});
