import { randomUUID } from 'node:crypto';
import { startedForFile } from '@ftt/kit/test-hooks';
import { describe, expect, it } from 'vitest';
import { awaitShipments, listing, orderConfirmed, startHarness, users } from './support';

/**
 * Issue #29, finding 12: the track page looks a code up with GET /tracking?code=…, where a code no box has is an
 * answer (200, found: false) rather than a 404 the browser logs as an error.
 */
const h = startedForFile(() => startHarness('logistics-tracking-lookup'));

describe('looking up a tracking code', () => {
  it('when a box has the code, then it is found with the same tracking as GET /track/:code; an unknown code is found: false; a malformed one a 400 naming query.code', async () => {
    const order = orderConfirmed([listing({ farm: 'dehof', lotCode: `TL-${randomUUID().slice(0, 6)}` })]);
    await h.probe.send('ftt.orders.order.confirmed.v1', order);
    const [doc] = await awaitShipments(h, order.orderId, 1);
    const code = String(doc!.trackingCode);

    const found = await h.call('GET', `/tracking?code=${code}`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ found: true, tracking: (await h.call('GET', `/track/${code}`)).body });

    const unknown = await h.call('GET', '/tracking?code=FTT-AAAABBBBCCCC');
    expect([unknown.status, unknown.body]).toEqual([200, { found: false }]);

    const bad = await h.call('GET', '/tracking?code=hello');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.code']);
    // the old route keeps its 404 for links and tools
    expect((await h.call('GET', '/track/FTT-AAAABBBBCCCC')).status).toBe(404);
  });

  it("when a buyer's order page asks for the trace before logistics has heard of the order, then it is known: false (no 404); once it knows, the trace, for the buyer only", async () => {
    const order = orderConfirmed([listing({ farm: 'dehof', lotCode: `TO-${randomUUID().slice(0, 6)}` })]);
    const early = await h.call('GET', `/trace/orders/${order.orderId}/lookup`, users.ben);
    expect([early.status, early.body]).toEqual([200, { known: false }]);
    await h.probe.send('ftt.orders.order.confirmed.v1', order);
    await awaitShipments(h, order.orderId, 1);
    const known = await h.call('GET', `/trace/orders/${order.orderId}/lookup`, users.ben);
    expect(known.status).toBe(200);
    expect(known.body).toEqual({
      known: true,
      trace: (await h.call('GET', `/trace/orders/${order.orderId}`, users.ben)).body,
    });
    expect((await h.call('GET', `/trace/orders/${order.orderId}/lookup`, users.carla)).status).toBe(403);
    expect((await h.call('GET', `/trace/orders/${order.orderId}/lookup`)).status).toBe(401);
  });
});
