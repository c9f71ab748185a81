import { eventually, token } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { auditAccessibility } from '../../web/test/browser';
import { useWebHarness } from './harness';
import { courierToUtrecht, seedCatalog } from './seed';

/**
 * Backpressure as a buyer sees it: orders is past its bound of orders in flight (here 1, with catalog stopped so
 * that nothing placed gets answered), and the buyer's "Place order" gets the 503 with Retry-After in words, next to
 * the button: nothing charged, nothing reserved, when to try again. Screenshot: test-results/screenshots/backpressure/.
 */
let seeded: Awaited<ReturnType<typeof seedCatalog>>;
const h = useWebHarness('backpressure', {
  env: { orders: { ADMIT_MAX_IN_FLIGHT: '1', ADMIT_RETRY_AFTER_SECONDS: '9' } },
  // The refused POST itself is logged by Chromium as a failed resource load; anything else is an error of ours.
  tolerate: (text) => /status of 503/.test(text),
  seed: async ({ t, system }) => {
    seeded = await seedCatalog(t, system.catalog.url);
  },
});

const placeByApi = async (bearer: string, key: string) =>
  fetch(`${h.system.orders.url}/orders`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${bearer}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify({
      lines: [{ listingId: seeded.eggsId, quantity: 1 }],
      deliveryAddress: { line1: 'Kanaalweg 1', postalCode: '3526 KL', city: 'Utrecht', country: 'NL' },
      contact: { name: 'Dirk Bakker' },
    }),
  });

describe('backpressure in the web app', () => {
  it('when orders is past its bound, then the buyer is told it is busy, that nothing was charged, and when to come back', async () => {
    await h.signInAs('Ben Jansen');
    await h.go(`/listings/${seeded.eggsId}`);
    await h.page.getByLabel('Quantity (dozen) of Free-range eggs').fill('1');
    await h.page.getByRole('button', { name: 'Add to cart: Free-range eggs' }).click();
    await h.page.getByRole('link', { name: /^Cart/ }).click();
    await courierToUtrecht(h.page);

    // Nothing placed from now on is answered: catalog is down. Two orders in flight are over the bound of 1.
    const dirk = await token(h.t, { userId: 'user-buyer-dirk', role: 'buyer', name: 'Dirk Bakker' });
    await eventually(async () => (await placeByApi(dirk, `probe-${Date.now()}`)).status === 201, 30_000, 300);
    await h.system.catalog.stop();
    expect((await placeByApi(dirk, 'busy-1')).status).toBe(201);
    expect((await placeByApi(dirk, 'busy-2')).status).toBe(201);
    // The bound is read in the background at most once a second: wait until the service refuses.
    const refused = await eventually(
      async () => {
        const res = await placeByApi(dirk, `busy-check-${Date.now()}`);
        return res.status === 503 ? res : undefined;
      },
      20_000,
      300,
    );
    expect(refused.headers.get('retry-after')).toBe('9');
    expect(refused.headers.get('content-type')).toContain('application/problem+json');

    await h.page.getByRole('button', { name: 'Place order' }).click();
    const alert = h.page.getByRole('alert');
    await alert.getByText(/very busy right now/).waitFor();
    expect(await alert.innerText()).toMatch(/nothing was charged or reserved.*try again in 9 seconds/s);
    expect(h.page.url()).toMatch(/\/cart$/);
    await h.browser.shot('buyer-cart-busy');
    expect(await auditAccessibility(h.page)).toEqual([]);
    h.expectNoConsoleErrors();
  });
});
