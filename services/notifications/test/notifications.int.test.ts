import { randomUUID } from 'node:crypto';
import { Topics } from '@ftt/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmed, listing, mailOf, startHarness, until, users, type Harness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('notify');
});
afterAll(async () => {
  await h?.stop();
});

const now = () => new Date().toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const farmId = `farm-${randomUUID().slice(0, 8)}`;
const orderId = `ord-${randomUUID()}`;
const tracking = 'FTT-ABCDEF123456';
const shipmentId = `shp-${randomUUID().slice(0, 8)}`;
const ref = { shipmentId, orderId, farmId };

/** The events of one order from placement to payout, with fixed ids so the test can deliver them again. */
const sendOrderEvents = async () => {
  const p = h.probe;
  await p.send('ftt.catalog.listing.published.v1', listing(farmId, users.anna.userId), {
    id: `e-listing-${farmId}`,
  });
  await p.send(
    'ftt.orders.order.placed.v1',
    {
      orderId,
      buyerId: users.ben.userId,
      lines: [{ listingId: 'l1', farmId, quantity: 3, unitPrice: { amount: 350, currency: 'EUR' } }],
      total: { amount: 1050, currency: 'EUR' },
      placedAt: now(),
    },
    { id: `e-placed-${orderId}` },
  );
  await p.send('ftt.orders.order.confirmed.v1', confirmed(orderId, users.ben.userId, farmId), {
    id: `e-confirmed-${orderId}`,
  });
  await p.send(
    'ftt.logistics.shipment.created.v1',
    { ...ref, at: now(), trackingCode: tracking, region: 'Gelderland', lotCodes: ['LOT-1'] },
    { id: `e-created-${shipmentId}` },
  );
  await p.send(
    'ftt.logistics.shipment.out_for_delivery.v1',
    { ...ref, at: now(), partnerId: users.pia.userId },
    { id: `e-ofd-${shipmentId}` },
  );
  await p.send(
    'ftt.logistics.shipment.delivered.v1',
    { ...ref, at: now(), partnerId: users.pia.userId, recipientName: 'B. Jansen', proofRef: 'photo-1' },
    { id: `e-delivered-${shipmentId}` },
  );
  await p.send(
    'ftt.orders.order.completed.v1',
    { orderId, completedAt: now() },
    { id: `e-completed-${orderId}` },
  );
  await p.send(
    'ftt.orders.payout.made.v1',
    {
      orderId,
      farmId,
      transferId: 'tr_1',
      destination: 'acct_1',
      gross: { amount: 1050, currency: 'EUR' },
      platformFee: { amount: 53, currency: 'EUR' },
      amount: { amount: 997, currency: 'EUR' },
    },
    { id: `e-payout-${orderId}` },
  );
};

/** orders says the buyer cancelled the (paid) order. */
const buyerCancelled = (id: string) =>
  h.probe.send('ftt.orders.order.cancelled.v1', {
    orderId: id,
    reason: 'changed my mind',
    cancelledBy: 'buyer',
    paid: true,
  });

const mailCount = async () => (await h.mail.messages()).length;

describe('notifications from the events of one order', () => {
  it('when an order goes from placement to payout, then buyer, farmer and partner each get exactly their messages, by email in their language and in-app', async () => {
    // Ben reads Dutch; Pia (a partner in Gelderland) and Ada (an operator) have opened their notifications once.
    const ben = await h.call('PATCH', '/me/profile', users.ben, { language: 'nl' });
    expect(ben.status, JSON.stringify(ben.body)).toBe(200);
    expect(ben.body).toMatchObject({ email: mailOf(users.ben), language: 'nl', roles: ['buyer'], regions: [] });
    expect(ben.body.preferences.delivered).toEqual({ email: true, inapp: true });
    // what the token's memberships make them: a buyer and a partner's member, serving Gelderland
    expect((await h.call('GET', '/me/profile', users.pia)).body).toMatchObject({
      regions: ['Gelderland'],
      roles: ['buyer', 'logistics'],
    });
    expect((await h.call('GET', '/me/profile', users.ada)).status).toBe(200);

    await sendOrderEvents();

    const expected = {
      [mailOf(users.ben)]: [
        'Je bestelling ' + orderId.slice(0, 8) + ' is bevestigd',
        'Je bestelling ' + orderId.slice(0, 8) + ' is onderweg',
        // the delivered box is named by its farm (issue 29, finding 12)
        'Je doos van De Hof (bestelling ' + orderId.slice(0, 8) + ') is bezorgd',
      ],
      [mailOf(users.anna)]: ['1 new order to pack', 'You were paid €9.97'],
      // the box was on its way and delivered before the partners' digest went out: it is no longer offered
      // (issue 29, finding 9), so Pia gets no digest of it
      [mailOf(users.pia)]: [],
    };
    const all = await until(async () => {
      const m = await h.mail.messages();
      return m.length >= 5 ? m : undefined;
    }, 30_000);
    const byTo = (a: string) => all.filter((m) => m.To[0]!.Address === a).map((m) => m.Subject);
    for (const [to, subjects] of Object.entries(expected))
      expect(byTo(to).sort(), to).toEqual([...subjects].sort());
    expect(all).toHaveLength(5);

    // The confirmation waited for logistics' tracking code; text and HTML come from one template.
    const conf = await h.mail.message(all.find((m) => m.Subject.includes('bevestigd'))!.ID);
    expect(conf.Text).toContain(tracking);
    expect(conf.Text).toContain('Bezorgdag: nog niet ingepland');
    expect(conf.HTML).toContain(tracking);
    expect(conf.HTML).toContain('lang="nl"');

    // The in-app inbox holds the same messages, newest first, unread.
    const inbox = await h.call('GET', '/me/notifications', users.ben);
    expect(inbox.status).toBe(200);
    expect(inbox.body.unread).toBe(3);
    expect(inbox.body.items.map((n: { kind: string }) => n.kind).sort()).toEqual([
      'delivered',
      'order_confirmed',
      'out_for_delivery',
    ]);
    expect(
      (await h.call('GET', '/me/notifications', users.anna)).body.items
        .map((n: { kind: string }) => n.kind)
        .sort(),
    ).toEqual(['new_orders', 'payout_made']);
    expect((await h.call('GET', '/me/notifications/unread-count', users.pia)).body).toEqual({ unread: 0 });

    // Stored: one delivery per (event, recipient, channel), every email sent.
    const deliveries = await h.db.db!.collection('deliveries').find({}).toArray();
    expect(deliveries).toHaveLength(10);
    expect(deliveries.filter((d) => d.channel === 'email').every((d) => d.status === 'sent')).toBe(true);
  });

  it('when every event of the order is delivered again, then nobody gets a second message', async () => {
    const before = await mailCount();
    const stored = await h.db.db!.collection('deliveries').countDocuments();
    await sendOrderEvents();
    // Past the digest window, the tracking wait and several sender passes.
    await until(
      async () =>
        (await h.db.db!.collection('notices').countDocuments({ status: 'waiting' })) === 0 || undefined,
    );
    await sleep(5000);
    expect(await mailCount()).toBe(before);
    expect(await h.db.db!.collection('deliveries').countDocuments()).toBe(stored);
    expect((await h.call('GET', '/me/notifications/unread-count', users.ben)).body).toEqual({ unread: 3 });
  });

  it('when a buyer turns off email for one kind, then that kind comes in-app only, and a cancellation and refund reach a buyer in English', async () => {
    const off = await h.call('PATCH', '/me/profile', users.carla, {
      preferences: { refund_made: { email: false } },
    });
    expect(off.status).toBe(200);
    expect(off.body.preferences.refund_made).toEqual({ email: false, inapp: true });
    const o2 = `ord-${randomUUID()}`;
    const before = await mailCount();
    await h.probe.send('ftt.orders.order.placed.v1', {
      orderId: o2,
      buyerId: users.carla.userId,
      lines: [{ listingId: 'l1', farmId, quantity: 1, unitPrice: { amount: 350, currency: 'EUR' } }],
      total: { amount: 350, currency: 'EUR' },
      placedAt: now(),
    });
    await buyerCancelled(o2);
    await h.probe.send('ftt.orders.payment.refunded.v1', {
      orderId: o2,
      paymentId: 'pi_1',
      refundId: 're_1',
      amount: { amount: 845, currency: 'EUR' },
    });
    const inbox = await until(async () => {
      const r = await h.call('GET', '/me/notifications', users.carla);
      return r.body.items.length === 2 ? r.body : undefined;
    });
    expect(inbox.items.map((n: { kind: string }) => n.kind).sort()).toEqual([
      'order_cancelled',
      'refund_made',
    ]);
    await until(async () => ((await mailCount()) > before ? true : undefined));
    await sleep(1500);
    expect(await h.mail.subjectsTo(mailOf(users.carla))).toEqual([
      `Your order ${o2.slice(0, 8)} was cancelled`,
    ]);
  });

  it("when a buyer asks to cancel confirmed orders, then they hear logistics' answer: accepted (and no second cancel message), or refused", async () => {
    const [accepted, refused] = [`ord-${randomUUID()}`, `ord-${randomUUID()}`];
    for (const o of [accepted, refused]) {
      await h.probe.send('ftt.orders.order.confirmed.v1', confirmed(o, users.carla.userId, farmId));
      await h.probe.send('ftt.orders.order.cancel_requested.v1', {
        orderId: o,
        reason: 'changed my mind',
        requestedBy: 'buyer',
        requestedAt: now(),
      });
    }
    await h.probe.send('ftt.logistics.order_cancel.accepted.v1', {
      orderId: accepted,
      at: now(),
      cancelledShipmentIds: [],
    });
    await buyerCancelled(accepted);
    await h.probe.send('ftt.logistics.order_cancel.refused.v1', {
      orderId: refused,
      at: now(),
      reason: 'a shipment was picked up',
    });
    const subjects = await until(async () => {
      const s = await h.mail.subjectsTo(mailOf(users.carla));
      return s.filter((x) => x.includes(accepted.slice(0, 8)) || x.includes(refused.slice(0, 8))).length >= 4
        ? s
        : undefined;
    }, 30_000);
    await sleep(2000);
    const about = (o: string) => (s: string) => s.includes(o.slice(0, 8));
    expect((await h.mail.subjectsTo(mailOf(users.carla))).filter(about(accepted)).sort()).toEqual([
      `Your order ${accepted.slice(0, 8)} is cancelled`,
      `Your order ${accepted.slice(0, 8)} is confirmed`,
    ]);
    expect(subjects.filter(about(refused)).sort()).toEqual([
      `Your order ${refused.slice(0, 8)} could not be cancelled`,
      `Your order ${refused.slice(0, 8)} is confirmed`,
    ]);
  });

  it('when someone marks notifications read, then only their own, and bad input is refused naming the field', async () => {
    const inbox = (await h.call('GET', '/me/notifications', users.ben)).body;
    const first = inbox.items[0];
    expect((await h.call('POST', `/me/notifications/${first.id}/read`, users.carla)).status).toBe(403);
    const read = await h.call('POST', `/me/notifications/${first.id}/read`, users.ben);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await h.call('GET', '/me/notifications/unread-count', users.ben)).body).toEqual({ unread: 2 });
    expect((await h.call('GET', '/me/notifications?unread=true', users.ben)).body.items).toHaveLength(
      2,
    );
    expect((await h.call('POST', '/me/notifications/read-all', users.ben)).body).toEqual({ marked: 2 });
    expect((await h.call('GET', '/me/notifications/unread-count', users.ben)).body).toEqual({ unread: 0 });

    expect((await h.call('GET', '/me/notifications')).status).toBe(401);
    expect((await h.call('PATCH', '/me/profile', undefined, { language: 'nl' })).status).toBe(401);
    expect((await h.call('POST', `/me/notifications/${'0'.repeat(32)}/read`, users.ben)).status).toBe(404);
    for (const [body, field] of [
      [{ language: 'de' }, 'body.language'],
      [{ email: 'not-an-address' }, 'body.email'],
      [{ preferences: { birthday: { email: true } } }, 'body.preferences'],
      [{ preferences: { delivered: { sms: true } } }, 'body.preferences.delivered.sms'],
    ] as const) {
      const r = await h.call('PATCH', '/me/profile', users.ben, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.type).toContain('application/problem+json');
      expect(r.body.errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
    }
    const bad = await h.call('POST', '/me/notifications/nope/read', users.ben);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('params.notificationId');
  });

  it('when the mail server is down, then emails wait with backoff and arrive once it is back; the in-app entry is there at once', async () => {
    await h.mail.stop();
    await h.probe.send('ftt.logistics.shipment.temperature_excursion.v1', {
      ...ref,
      at: now(),
      temperatureC: 19.5,
      minC: 2,
      maxC: 12,
      place: 'Utrecht hub',
      lotCodes: ['LOT-1'],
    });
    const pending = await until(async () => {
      const d = await h.db
        .db!.collection('deliveries')
        .findOne({ kind: 'temperature_excursion', channel: 'email' });
      return d && d.attempts >= 2 ? d : undefined;
    });
    expect(pending).toMatchObject({ status: 'pending' });
    expect(pending.lastError).toBeTruthy();
    expect(
      (await h.call('GET', '/me/notifications?unread=true', users.anna)).body.items[0].kind,
    ).toBe('temperature_excursion');
    await h.mail.start();
    await until(async () => {
      const s = await h.mail.subjectsTo(mailOf(users.anna));
      return s.includes('Temperature alert on lot LOT-1') ? s : undefined;
    });
    // The mail server has the message a moment before the delivery is marked sent (send, then record): wait for both.
    const sent = await until(async () => {
      const d = await h.db.db!.collection('deliveries').findOne({ _id: pending._id });
      return d?.status === 'sent' ? d : undefined;
    });
    expect(sent).toMatchObject({ status: 'sent', channel: 'email' });
    expect(sent.attempts).toBeGreaterThan(pending.attempts);
  });

  it('when a message cannot be processed and when an order never ends, then operators hear of it', async () => {
    // A message the contracts refuse: the consumer dead-letters it, and the watch on the dead letters reports it.
    await h.probe.sendRaw(Topics.orders, {
      key: 'o-broken',
      value: '{"orderId": 42}',
      headers: {
        'content-type': 'application/json',
        ce_specversion: '1.0',
        ce_id: 'e-broken',
        ce_source: '/test',
        ce_type: 'ftt.orders.order.confirmed.v1',
        ce_time: now(),
        ce_correlationid: 'c',
      },
    });
    // An order placed 8 days ago and never ended (stuck after 7 days by default).
    const old = `ord-${randomUUID()}`;
    await h.probe.send('ftt.orders.order.placed.v1', {
      orderId: old,
      buyerId: users.ben.userId,
      lines: [{ listingId: 'l1', farmId, quantity: 1, unitPrice: { amount: 350, currency: 'EUR' } }],
      total: { amount: 350, currency: 'EUR' },
      placedAt: new Date(Date.now() - 8 * 86_400_000).toISOString(),
    });
    const kinds = await until(async () => {
      const r = await h.call('GET', '/me/notifications', users.ada);
      const k = r.body.items.map((n: { kind: string }) => n.kind).sort();
      return k.length >= 2 ? k : undefined;
    }, 30_000);
    expect(kinds).toEqual(['dead_letters', 'stuck_order']);
    const subjects = await until(async () => {
      const s = await h.mail.subjectsTo(mailOf(users.ada));
      return s.length >= 2 ? s : undefined;
    });
    expect(subjects.sort()).toEqual(['1 dead letter', `Order ${old.slice(0, 8)} looks stuck`]);
  });
});
