import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import { startOrders } from '../src/service';
import { bodyHash } from '../src/use-cases/place-order';
import { farmSnapshot, orderBody } from './support/fixtures';
import { startHarness } from './support/harness';

const h = startedForFile(() => startHarness());

describe('Idempotency-Key records of the code before the key named the order', () => {
  it('when a request placed before the upgrade is retried, then its order comes back, and another body is refused', async () => {
    const apples = farmSnapshot('anna');
    await h.publishListing(apples);
    const body = orderBody([{ listingId: apples.listingId, quantity: 1 }]);
    const placed = await h.call('POST', '/orders', { token: h.users.ben, body, headers: { 'idempotency-key': 'today' } });
    expect(placed.status).toBe(201);

    // What the old code stored for key "yesterday": the order under a random id, and a record naming it.
    const legacyId = randomUUID();
    const { _id, requestHash: _hash, ...order } = (await h.storedOrder(placed.body.orderId))!;
    await h.db.collection('orders').insertOne({ ...order, _id: legacyId as never, orderId: legacyId, outbox: [], outboxPending: 0 });
    await h.db.collection('idempotency_keys').insertOne({
      _id: JSON.stringify(['user-buyer-ben', 'yesterday']) as never,
      buyerId: 'user-buyer-ben',
      key: 'yesterday',
      bodyHash: bodyHash({ ...body, buyerId: 'user-buyer-ben' }),
      orderId: legacyId,
      createdAt: new Date(Date.now() - 60_000).toISOString(),
    });

    // An instance started after the upgrade (it reads once whether such records of the last day exist).
    const upgraded = await startOrders(h.env);
    try {
      h.setBaseUrl(upgraded.url);
      const retry = await h.call('POST', '/orders', { token: h.users.ben, body, headers: { 'idempotency-key': 'yesterday' } });
      expect(retry.status).toBe(200);
      expect(retry.body.orderId).toBe(legacyId);
      const other = await h.call('POST', '/orders', {
        token: h.users.ben,
        body: orderBody([{ listingId: apples.listingId, quantity: 2 }]),
        headers: { 'idempotency-key': 'yesterday' },
      });
      expect(other.body).toMatchObject({ status: 422, code: 'idempotency.unprocessable' });
      // New keys name their orders as usual.
      const fresh = await h.call('POST', '/orders', { token: h.users.ben, body, headers: { 'idempotency-key': 'tomorrow' } });
      expect(fresh.status).toBe(201);
      expect(await h.db.collection('orders').countDocuments({ 'lines.listingId': apples.listingId })).toBe(3);
    } finally {
      h.setBaseUrl(h.service!.url);
      await upgraded.stop();
    }
  });
});
