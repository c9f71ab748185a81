import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import { eventually } from '@ftt/kit/testing';
import { farmSnapshot, orderBody } from './support/fixtures';
import { startHarness } from './support/harness';
import { orderIdFor } from '../src/use-cases/place-order';

// No catalog runs here, so every placed order stays in flight (pending): the bound of 3 is reached by the test.
const h = startedForFile(() => startHarness({ env: { ADMIT_MAX_IN_FLIGHT: '3', ADMIT_RETRY_AFTER_SECONDS: '7' } }));

describe('backpressure on placing orders', () => {
  it('when more orders are in flight than the bound, then a new order gets 503 with Retry-After and a problem naming why, and nothing is stored for it', async () => {
    const apples = farmSnapshot('anna');
    await h.publishListing(apples);
    const post = (n: number) =>
      h.call('POST', '/orders', {
        token: h.users.ben,
        body: orderBody([{ listingId: apples.listingId, quantity: 1 }]),
        headers: { 'idempotency-key': `bp-${apples.listingId}-${n}` },
      });
    for (let n = 0; n < 4; n++) expect((await post(n)).status).toBe(201);

    // The bound is read in the background (every second): soon the service says "not now".
    let n = 100;
    const refused = await eventually(
      async () => {
        const r = await post(++n);
        return r.status === 503 ? r : undefined;
      },
      10_000,
      200,
    );
    expect(refused.headers.get('retry-after')).toBe('7');
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 503, code: 'service.unavailable' });
    expect(refused.body.detail).toMatch(/orders in flight \d+ over 3/);
    expect(await h.db.collection('orders').countDocuments({ _id: orderIdFor('user-buyer-ben', `bp-${apples.listingId}-${n}`) as never })).toBe(0);
    // Only the orders answered 201 exist (those before the bound was read, and none refused).
    expect(await h.db.collection('orders').countDocuments({ 'lines.listingId': apples.listingId })).toBe(4 + (n - 101));

    // Once the orders in flight are answered (here: expired by an operator's hand), orders are accepted again.
    await h.db.collection('orders').updateMany({ 'lines.listingId': apples.listingId }, { $set: { state: 'expired' } });
    await eventually(async () => ((await post(++n)).status === 201 ? true : undefined), 10_000, 200);
  });
});
