import type { EventType, TypedEnvelope } from '@ftt/contracts';
import { eventually } from '@ftt/kit/testing';
import { expect } from 'vitest';
import { farmSnapshot } from './fixtures';
import type { Harness } from './harness';

/** Two farms' listings published (anna's apples, joost's kale) and the lines of a cart of 2 kg apples and 3 bunches of kale. */
export const twoFarmCart = async (h: Harness) => {
  const apples = farmSnapshot('anna');
  const kale = farmSnapshot('joost');
  await h.publishListing(apples);
  await h.publishListing(kale);
  const lines = [
    { listingId: apples.listingId, quantity: 2 },
    { listingId: kale.listingId, quantity: 3 },
  ];
  return { apples, kale, lines };
};

/** ... and an order placed (201) for that cart. */
export const placeTwoFarmOrder = async (h: Harness, who = h.users.ben) => {
  const { apples, kale, lines } = await twoFarmCart(h);
  const placed = await h.placeOrder(lines, who);
  expect(placed.status).toBe(201);
  return { apples, kale, lines, orderId: placed.body.orderId as string, placed };
};

/** ... and catalog reserved its stock: the order awaits payment with a PaymentIntent stored. */
export const orderAwaitingPayment = async (h: Harness, who = h.users.ben) => {
  const o = await placeTwoFarmOrder(h, who);
  await h.probe.send('ftt.catalog.stock.reserved.v1', {
    orderId: o.orderId,
    lines: o.lines,
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
  });
  await h.waitForState(o.orderId, 'awaiting_payment');
  const stored = await h.storedOrder(o.orderId);
  return { ...o, paymentId: stored!.payment.paymentId as string, total: stored!.totals.total.amount as number };
};

/** ... and the buyer paid: Stripe's signed webhook confirmed it. */
export const confirmedOrder = async (h: Harness, who = h.users.ben) => {
  const o = await orderAwaitingPayment(h, who);
  const { paymentIntent } = await import('./harness');
  const res = await h.webhook('payment_intent.succeeded', paymentIntent(o.paymentId, o.orderId, o.total));
  expect(res.status).toBe(200);
  await h.waitForState(o.orderId, 'confirmed');
  return o;
};

/** Wait until the probe saw `count` events of a type for an order, then give stragglers a moment. */
export const eventsSettled = async <T extends EventType>(h: Harness, orderId: string, type: T, count: number, graceMs = 700) => {
  const ofType = () => h.eventsOf(orderId).filter((e): e is Extract<TypedEnvelope, { type: T }> => e.type === type);
  await eventually(() => ofType().length >= count);
  await new Promise((r) => setTimeout(r, graceMs));
  return ofType();
};

/** What every shipment event about an order's farm carries (its shipment, when, by Pia). */
export const shipmentRef = (orderId: string, farmId: string) => ({
  shipmentId: `shp-${farmId}`,
  orderId,
  farmId,
  at: new Date().toISOString(),
  partnerId: 'user-partner-pia',
});
