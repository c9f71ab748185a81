import { expect } from 'vitest';
import { buyerAddress, eventually, farmBody, listingBody, stripeWebhook, type actor } from './actors';

type Actor = Awaited<ReturnType<typeof actor>>;

/** Stripe says the order's payment intent succeeded: the signed webhook orders receives, and its reply. */
export const paymentSucceeded = (
  ordersUrl: string,
  webhookSecret: string,
  orderId: string,
  payment: { paymentId: string; amount: { amount: number; currency: string } },
) =>
  stripeWebhook(ordersUrl, webhookSecret, 'payment_intent.succeeded', {
    id: payment.paymentId,
    object: 'payment_intent',
    amount: payment.amount.amount,
    currency: payment.amount.currency.toLowerCase(),
    status: 'succeeded',
    metadata: { orderId },
    transfer_group: orderId,
  });

/**
 * Each partner finds the order's open shipment in their region and takes it from claim to delivery (a checkpoint
 * on the way); every step must succeed. Returns who delivered which shipment.
 */
export const deliverShipments = async (
  logisticsUrl: string,
  orderId: string,
  partners: readonly (readonly [Actor, string])[],
) => {
  const delivered: { partner: Actor; shipmentId: string }[] = [];
  for (const [partner, region] of partners) {
    const open = await eventually(async () => {
      const r = await partner.call<{ shipmentId: string; orderId: string }[]>(
        logisticsUrl,
        'GET',
        `/shipments/open?region=${region}`,
      );
      return r.body.find((s) => s.orderId === orderId);
    }, 30_000);
    const id = open.shipmentId;
    for (const [step, body] of [
      ['claim', undefined],
      ['pickup', undefined],
      ['checkpoints', { place: 'Utrecht hub', temperatureC: 6.5 }],
      ['out-for-delivery', undefined],
      ['deliver', { recipientName: 'B. Jansen', proofRef: `photo-${id.slice(0, 6)}` }],
    ] as const) {
      const r = await partner.call(logisticsUrl, 'POST', `/shipments/${id}/${step}`, body);
      expect(r.status, `${step}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    }
    delivered.push({ partner, shipmentId: id });
  }
  return delivered;
};

/** A farmer registers a farm, lists produce on it and publishes the listing; each call must succeed. */
export const listProduce = async (
  catalogUrl: string,
  farmer: Actor,
  farm: ReturnType<typeof farmBody>,
  listing: ReturnType<typeof listingBody>,
) => {
  const f = await farmer.call<{ id: string }>(catalogUrl, 'POST', '/farms', farm);
  expect(f.status).toBe(201);
  // the payout account comes from Connect onboarding only (issue #28), as a farmer's "Connect payout account" does
  expect((await farmer.call(catalogUrl, 'POST', `/farms/${f.body.id}/payout-onboarding`)).status).toBe(200);
  const l = await farmer.call<{ id: string }>(catalogUrl, 'POST', `/farms/${f.body.id}/listings`, listing);
  expect(l.status).toBe(201);
  expect((await farmer.call(catalogUrl, 'POST', `/listings/${l.body.id}/publish`)).status).toBe(200);
  return { farmId: f.body.id, listingId: l.body.id };
};

/**
 * The buyer orders `quantity` of each listing, delivered to the buyer's address; tried again (a new idempotency
 * key each time) until orders has learnt the listings from catalog's events.
 */
export const placeOrder = async (
  ordersUrl: string,
  buyer: Actor,
  listings: { listingId: string }[],
  quantity: number,
  idempotencyPrefix: string,
) => {
  let attempt = 0;
  return eventually(
    async () => {
      const r = await buyer.call<{ orderId: string; state: string }>(
        ordersUrl,
        'POST',
        '/orders',
        { lines: listings.map(({ listingId }) => ({ listingId, quantity })), ...buyerAddress },
        { 'idempotency-key': `${idempotencyPrefix}-${attempt++}` },
      );
      return r.status === 201 ? r.body : undefined;
    },
    30_000,
    250,
  );
};

/**
 * Anna (De Hof, Gelderland) and Joost (Bakker Akkers, Utrecht) each list 100 kg of one lot (`LOT-<run>-<n>`) at
 * 3.50 and publish it; each connects its payout account through Connect onboarding (issue #28: none is typed in, so
 * `_tag`, which used to name the typed accounts, is unused). Returns each farm's ids, lot and farmer.
 */
export const twoFarmsList = async (
  catalogUrl: string,
  run: string,
  anna: Actor,
  joost: Actor,
  _tag: string,
) => {
  const farms: { farmId: string; listingId: string; lotCode: string; farmer: Actor }[] = [];
  for (const [farmer, name, region, city, lat, lng, title] of [
    [anna, 'De Hof', 'Gelderland', 'Wageningen', 51.97, 5.66, 'Truss tomatoes'],
    [joost, 'Bakker Akkers', 'Utrecht', 'Houten', 52.03, 5.17, 'Winter carrots'],
  ] as const) {
    const lotCode = `LOT-${run}-${farms.length}`;
    const listed = await listProduce(
      catalogUrl,
      farmer,
      farmBody(name, region, city, lat, lng),
      listingBody(title, lotCode, 100, 350),
    );
    farms.push({ ...listed, lotCode, farmer });
  }
  return farms;
};
