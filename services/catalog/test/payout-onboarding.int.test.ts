import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testFarmId } from '@ftt/kit/testing';
import { eventually, farmBody, listingBody, startHarness, type Harness } from './support';

/** The payout account comes from Stripe Connect onboarding (stripe-mock here), never typed in (issue #28). */
let stripe: Harness;
let offline: Harness;
beforeAll(async () => {
  stripe = await startHarness('catalog-connect', {
    STRIPE_SECRET_KEY: 'sk_test_catalog',
    STRIPE_API_BASE: process.env.STRIPE_API_BASE ?? 'http://127.0.0.1:12111',
    APP_URL: 'http://127.0.0.1:5173',
  });
  offline = await startHarness('catalog-connect-sim', { STRIPE_SECRET_KEY: '' });
});
afterAll(async () => {
  await stripe?.stop();
  await offline?.stop();
});

const openFarmWithListing = async (h: Harness) => {
  const body = farmBody();
  expect((await h.call('POST', '/farms', 'anna', body)).status).toBe(201);
  const farmId = testFarmId('user-farmer-anna');
  const listing = await h.call('POST', `/farms/${farmId}/listings`, 'anna', listingBody());
  expect(listing.status).toBe(201);
  return { farmId, listingId: String(listing.body.id) };
};

describe('payout onboarding', () => {
  it("when the owner connects the payout account, then a Stripe connected account is made once, the farm and its listings carry it, and each call gives an onboarding link", async () => {
    const { farmId, listingId } = await openFarmWithListing(stripe);
    const first = await stripe.call('POST', `/farms/${farmId}/payout-onboarding`, 'anna');
    expect(first).toMatchObject({ status: 200, body: { provider: 'stripe', accountId: expect.stringMatching(/^acct_/) } });
    expect(first.body.url).toMatch(/^https?:\/\//);
    const farm = await stripe.db.collection('farms').findOne({ _id: farmId as never });
    expect(farm?.payoutAccountId).toBe(first.body.accountId);
    await eventually(async () => (await stripe.listingDoc(listingId)).farm);
    expect(((await stripe.listingDoc(listingId)).farm as { payoutAccountId?: string }).payoutAccountId).toBe(first.body.accountId);

    const again = await stripe.call('POST', `/farms/${farmId}/payout-onboarding`, 'anna');
    expect(again.body.accountId).toBe(first.body.accountId);
  });

  it('when a packer, another owner or a stranger asks, then 403 or 401 problem+json, and an unknown farm is a 404', async () => {
    const farmId = testFarmId('user-farmer-anna');
    for (const [who, status] of [['piet', 403], ['joost', 403], [undefined, 401]] as const) {
      const r = await stripe.call('POST', `/farms/${farmId}/payout-onboarding`, who);
      expect(r.status, String(who)).toBe(status);
      expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect((await stripe.call('POST', '/farms/farm-nobody/payout-onboarding', 'ada')).status).toBe(404);
  });

  it('when there is no Stripe key, then the simulated provider makes the account, named as such', async () => {
    const { farmId } = await openFarmWithListing(offline);
    const r = await offline.call('POST', `/farms/${farmId}/payout-onboarding`, 'anna');
    expect(r).toMatchObject({ status: 200, body: { provider: 'simulated', accountId: expect.stringMatching(/^acct_sim/) } });
  });
});
