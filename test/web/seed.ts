import type { TestPrincipal } from '@ftt/kit/testing';
import { eventually, token, type testEnv } from '@ftt/kit/testing';
import { expect } from 'vitest';
import type { Page } from '../../web/test/browser';
import { buyerAddress } from '../support/actors';
import { personas, type WebHarness } from './harness';

export const users = {
  anna: { userId: 'user-farmer-anna', role: 'farmer', name: 'Anna de Vries' },
  lena: { userId: 'user-farmer-lena', role: 'farmer', name: 'Lena Visser' },
} satisfies Record<string, TestPrincipal>;

const daysFromNow = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

const call = async (url: string, bearer: string, method: string, body?: unknown) => {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};

/** Two farms in Gelderland through the catalog API: Anna's (no listings yet) and Lena's with free-range eggs. */
export const seedCatalog = async (t: ReturnType<typeof testEnv>, catalogUrl: string) => {
  const anna = await token(t, users.anna);
  const lena = await token(t, users.lena);
  const annaFarm = await call(`${catalogUrl}/farms`, anna, 'POST', {
    name: 'De Groene Hoeve',
    description: 'Mixed vegetable farm on the edge of the Veluwe, growing without pesticides since 1998.',
    address: {
      line1: 'Bosweg 12',
      city: 'Ede',
      postalCode: '6711 AB',
      country: 'NL',
      geo: { lat: 52.04, lng: 5.66 },
    },
    region: 'Gelderland',
    certifications: [
      {
        type: 'organic',
        name: 'EU Organic',
        certifier: 'SKAL Biocontrole',
        certificateNumber: 'SKAL-102938',
        validUntil: daysFromNow(300),
      },
    ],
  });
  // payout accounts from Connect onboarding only (issue #28)
  await call(`${catalogUrl}/farms/${String(annaFarm.id)}/payout-onboarding`, anna, 'POST');
  const lenaFarm = await call(`${catalogUrl}/farms`, lena, 'POST', {
    name: 'Kippenhof Visser',
    description: 'Free-range hens on clover pasture near the river.',
    address: {
      line1: 'Dijkweg 3',
      city: 'Wageningen',
      postalCode: '6701 AA',
      country: 'NL',
      geo: { lat: 51.97, lng: 5.66 },
    },
    region: 'Gelderland',
    certifications: [],
  });
  await call(`${catalogUrl}/farms/${String(lenaFarm.id)}/payout-onboarding`, lena, 'POST');
  const eggs = await call(`${catalogUrl}/farms/${String(lenaFarm.id)}/listings`, lena, 'POST', {
    category: 'eggs',
    title: 'Free-range eggs',
    description: 'Brown eggs from hens on pasture, collected every morning.',
    unit: 'dozen',
    unitPrice: { amount: 420, currency: 'EUR' },
    photos: ['/photos/eggs.svg'],
    available: 30,
    lot: {
      lotCode: `EGG-${Date.now().toString(36).toUpperCase()}`,
      field: 'Hen house 1',
      harvestDate: daysFromNow(-1),
      bestBefore: daysFromNow(20),
      quantity: 60,
    },
    coldChain: { minC: 2, maxC: 8 },
  });
  await call(`${catalogUrl}/listings/${String(eggs.id)}/publish`, lena, 'POST');
  return { annaFarmId: String(annaFarm.id), lenaFarmId: String(lenaFarm.id), eggsId: String(eggs.id) };
};

/**
 * Orders learns of listings from catalog's events: wait (up to 30 s) until it can price one of this listing, so that a
 * suite's first order does not race the projection. `api` is the harness's.
 */
export const untilOrdersPrice = (
  api: (who: null, base: string, method: string, path: string, body?: unknown) => Promise<{ status: number }>,
  ordersUrl: string,
  listingId: string,
) =>
  eventually(
    async () => (await api(null, ordersUrl, 'POST', '/orders/quote', { lines: [{ listingId, quantity: 1 }] })).status === 200 || undefined,
    30_000,
    250,
  );

/**
 * Ben's address in Ede at checkout (a home-delivery zone), done when the zone's delivery day is offered (the day is
 * chosen once the options for the postcode are in: finding 6).
 */
export const fillEdeAtCheckout = async (page: Page) => {
  await page.getByLabel('Street and number').fill('Bergweg 4');
  await page.getByLabel('Postal code', { exact: true }).fill('6711 AA');
  await page.getByLabel('City').fill('Ede');
  await page
    .getByRole('status')
    .filter({ hasText: /to your door · fee/ })
    .waitFor();
};

/** The box logistics made for a paid order, once partners of Gelderland see it open (up to 30 s): its shipment id. */
export const openShipmentOf = async (api: WebHarness['api'], logisticsUrl: string, orderId: string) =>
  (
    await eventually(async () => {
      const r = await api<{ shipmentId: string; orderId: string }[]>(
        personas.pia,
        logisticsUrl,
        'GET',
        '/shipments/open?region=Gelderland',
      );
      return r.body.find((s) => s.orderId === orderId);
    }, 30_000)
  ).shipmentId;

type PlacedOrder = { orderId: string; state: string; delivery?: { day: string } };

/** Ben orders `dozens` of the eggs (home delivery in Ede when asked) and pays: the order, once confirmed. */
export const paidEggOrder = async (
  api: WebHarness['api'],
  ordersUrl: string,
  eggsId: string,
  o: { dozens?: number; delivery?: { method: 'home' } } = {},
): Promise<PlacedOrder> => {
  const placed = await api<PlacedOrder>(personas.ben, ordersUrl, 'POST', '/orders', {
    lines: [{ listingId: eggsId, quantity: o.dozens ?? 1 }],
    ...buyerAddress,
    // home delivery on a delivery day needs an address in a zone (Ede's)
    ...(o.delivery
      ? { delivery: o.delivery, deliveryAddress: { line1: 'Bergweg 4', city: 'Ede', postalCode: '6711 AA', country: 'NL' } }
      : {}),
  });
  expect(placed.status).toBe(201);
  const id = placed.body.orderId;
  const get = async () => (await api<PlacedOrder>(personas.ben, ordersUrl, 'GET', `/orders/${id}`)).body;
  await eventually(async () => ((await get()).state === 'awaiting_payment' ? true : undefined), 30_000, 150);
  expect((await api(personas.ben, ordersUrl, 'POST', `/orders/${id}/pay`, { outcome: 'succeeded' })).status).toBe(200);
  await eventually(async () => ((await get()).state === 'confirmed' ? true : undefined), 30_000, 150);
  return get();
};

/**
 * Ben's address in Utrecht at checkout, shipped by courier per farm: once the postcode's options are in, the checkout
 * starts on the cheaper delivery day of the zone, and the buyer switches to the courier.
 */
export const courierToUtrecht = async (page: Page) => {
  await page.getByLabel('Street and number').fill('Oudegracht 101');
  await page.getByLabel('Postal code', { exact: true }).fill('3511 AH');
  await page.getByLabel('City').fill('Utrecht');
  await expect
    .poll(() => page.getByRole('radio', { name: /^Home delivery in / }).isChecked(), { timeout: 10_000 })
    .toBe(true);
  await page.getByRole('radio', { name: /^Courier to my address/ }).check();
};
