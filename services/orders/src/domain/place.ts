import type { Address } from '@ftt/contracts';
import { change, ignore, reject, type FieldIssue } from '@ftt/kit/domain';
import { offerIn, quoteDelivery, splitFee, type DeliveryChoice, type DeliveryOffer, type DeliveryQuote } from './delivery-offer';
import { unavailableBecause, type ListingRecord } from './listing';
import { LEGACY_MARKET, postcodeMatches, type Market, type PaymentMethod } from './market';
import { farmAmounts, money, orderTotals, type FeeSettings } from './money';
import { event, type FarmPart, type Order, type OrderLine, type OrderOutcome } from './order';
import { describe } from './timeline';

export interface OrderSettings extends FeeSettings {
  paymentTimeoutSeconds: number;
  /** Delay before the sweeper retries provider work (refunds, payouts) that the request path did not finish. */
  followUpDelaySeconds: number;
  /** Pickup points, home zones and delivery days a buyer may choose from (domain/delivery-offer.ts). */
  deliveryOffer: DeliveryOffer;
  /** The published markets by code: an order's address is checked by its market's postcode pattern. */
  markets: ReadonlyMap<string, Pick<Market, 'code' | 'postcodePattern' | 'paymentMethods'>>;
}

/** The setting a decider that may leave provider work behind needs: when the sweeper looks again. */
export type FollowUp = Pick<OrderSettings, 'followUpDelaySeconds'>;

export interface PlaceOrderCommand {
  orderId: string;
  buyerId: string;
  lines: { listingId: string; quantity: number }[];
  deliveryAddress: Address;
  contact: { name: string; phone?: string | undefined };
  /** The buyer's delivery choice; without one the order is delivered to the address at the flat per-farm fee. */
  delivery?: DeliveryChoice | undefined;
  /** How the buyer pays, one of the market's methods; without one, card (or the market's first when it takes no card). */
  paymentMethod?: PaymentMethod | undefined;
}

export const addSeconds = (now: Date, seconds: number): string => new Date(now.getTime() + seconds * 1000).toISOString();

/** The market of a listing (those published before markets carry none: they are Dutch). */
export const marketOfListing = (record: ListingRecord): string => record.snapshot?.market ?? LEGACY_MARKET;

/** Every line must name a distinct, published listing, all of one market and priced in one currency. */
const checkLines = (lines: OrderLineRequest[], listings: ReadonlyMap<string, ListingRecord>): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  let currency: string | undefined;
  let market: string | undefined;
  lines.forEach((line, i) => {
    const field = `lines.${i}.listingId`;
    const record = listings.get(line.listingId);
    const why = unavailableBecause(record);
    if (why) return issues.push({ field, message: `${why}: ${line.listingId}` });
    if (seen.has(line.listingId)) return issues.push({ field, message: 'listing appears on more than one line' });
    seen.add(line.listingId);
    const m = marketOfListing(record!);
    market ??= m;
    if (m !== market) return issues.push({ field, message: `listing belongs to the market ${m}, the order to ${market}` });
    const c = record!.snapshot!.unitPrice.currency;
    currency ??= c;
    if (c !== currency) issues.push({ field, message: `listing is priced in ${c}, the order in ${currency}` });
    return undefined;
  });
  return issues;
};

export type OrderLineRequest = PlaceOrderCommand['lines'][number];

/** What is priced: the lines, and the delivery choice with the address it needs (home delivery). */
export interface PriceRequest {
  lines: OrderLineRequest[];
  deliveryAddress?: Address | undefined;
  delivery?: DeliveryChoice | undefined;
}

/**
 * What an order of these lines costs: its lines, each farm's part (goods, delivery, fee, what the farmer receives), the
 * totals, and the delivery day and drop when the buyer chose one.
 */
export interface OrderPrice {
  market: string;
  currency: string;
  lines: OrderLine[];
  farms: FarmPart[];
  totals: Order['totals'];
  quote?: DeliveryQuote | undefined;
}

export type PriceRefusal = { issues: FieldIssue[]; message: string };

/**
 * Prices lines from orders' own listing read model (never from the client), grouped by farm: each farm is one
 * shipment with its own delivery fee and payout. The order itself and the quote before placing it both come from here.
 */
export const priceOrder = (
  req: PriceRequest,
  listings: ReadonlyMap<string, ListingRecord>,
  s: FeeSettings & Pick<OrderSettings, 'deliveryOffer' | 'markets'>,
  now: Date,
): OrderPrice | PriceRefusal => {
  const issues = checkLines(req.lines, listings);
  if (issues.length) return { issues, message: 'some lines cannot be ordered' };
  const market = marketOfListing(listings.get(req.lines[0]!.listingId)!);
  const rules = s.markets.get(market);
  if (!rules)
    return { issues: [{ field: 'lines.0.listingId', message: `the market ${market} is not published` }], message: 'some lines cannot be ordered' };
  if (req.deliveryAddress && !postcodeMatches(rules, req.deliveryAddress.postalCode))
    return {
      issues: [{ field: 'deliveryAddress.postalCode', message: `${req.deliveryAddress.postalCode} is no postcode of the market ${market}` }],
      message: 'the delivery address is not in the market',
    };

  const lines: OrderLine[] = req.lines.map((l) => {
    const snap = listings.get(l.listingId)!.snapshot!;
    return {
      listingId: l.listingId,
      farmId: snap.farmId,
      title: snap.title,
      unit: snap.unit,
      quantity: l.quantity,
      unitPrice: snap.unitPrice,
      lineTotal: money(snap.unitPrice.amount * l.quantity, snap.unitPrice.currency),
      lotCode: snap.lot.lotCode,
    };
  });
  const currency = lines[0]!.unitPrice.currency;
  const quoted = req.delivery ? quoteDelivery(offerIn(s.deliveryOffer, market), req.delivery, req.deliveryAddress, currency, now) : null;
  if (quoted?.kind === 'invalid') return { issues: quoted.issues, message: 'the delivery choice cannot be served' };
  const quote = quoted?.quote;
  const farmIdsInOrder = [...new Set(lines.map((l) => l.farmId))];
  // With a chosen drop the buyer pays its one fee (spread over the farms' parts); without, the flat fee per farm.
  const fees = quote ? splitFee(quote.fee.amount, farmIdsInOrder.length) : farmIdsInOrder.map(() => s.deliveryFeeMinor);
  const farms: FarmPart[] = [];
  for (const line of lines) {
    if (farms.some((f) => f.farmId === line.farmId)) continue;
    const snap = listings.get(line.listingId)!.snapshot!;
    const goods = lines.filter((l) => l.farmId === line.farmId).reduce((n, l) => n + l.lineTotal.amount, 0);
    farms.push({
      farmId: snap.farmId,
      farmName: snap.farmName,
      farmerId: snap.farmerId,
      region: snap.region,
      pickupAddress: snap.pickupAddress,
      coldChain: snap.coldChain,
      payoutAccountId: snap.payoutAccountId,
      ...farmAmounts(goods, currency, { ...s, deliveryFeeMinor: fees[farms.length]! }),
    });
  }
  return { market, currency, lines, farms, totals: orderTotals(farms, currency), quote };
};

/** What placing an order is decided on: the buyer's request, orders' listing read model, and the settings that price it. */
export interface PlaceOrder extends PlaceOrderCommand {
  listings: ReadonlyMap<string, ListingRecord>;
  settings: OrderSettings;
}

/** A new order, priced by priceOrder (an order of this id exists already: nothing to place). */
export const placeOrder = (current: Order | null, { listings, settings: s, ...cmd }: PlaceOrder, now: Date): OrderOutcome => {
  if (current) return ignore(`order ${current.orderId} exists already`);
  const price = priceOrder(cmd, listings, s, now);
  if ('issues' in price) return reject('order.unprocessable', price.message, price.issues);
  const { market, currency, lines, farms, totals, quote } = price;
  const methods = s.markets.get(market)?.paymentMethods ?? [];
  const paymentMethod = cmd.paymentMethod ?? (methods.includes('card') ? 'card' : methods[0]);
  if (!paymentMethod || !methods.includes(paymentMethod))
    return reject('order.unprocessable', 'the payment method is not offered in the market', [
      { field: 'paymentMethod', message: `the market ${market} takes ${methods.join(', ') || 'no payment'}` },
    ]);
  const at = now.toISOString();
  const order: Order = {
    orderId: cmd.orderId,
    buyerId: cmd.buyerId,
    state: 'pending',
    market,
    currency,
    paymentMethod,
    lines,
    farms,
    farmIds: farms.map((f) => f.farmId),
    totals,
    dropoff: { address: quote?.address ?? cmd.deliveryAddress, contactName: cmd.contact.name, phone: cmd.contact.phone },
    ...(quote ? { delivery: { day: quote.day, cutoff: quote.cutoff, moved: quote.moved, fee: quote.fee, drop: quote.drop } } : {}),
    placedAt: at,
    updatedAt: at,
    expiresAt: addSeconds(now, s.paymentTimeoutSeconds),
    followUpAt: null,
    timeline: [{ at, state: 'pending', cause: describe({ kind: 'placed' }), what: { kind: 'placed' } }],
  };
  const placed = event('ftt.orders.order.placed.v1', {
    orderId: order.orderId,
    buyerId: order.buyerId,
    lines: lines.map((l) => ({ listingId: l.listingId, farmId: l.farmId, quantity: l.quantity, unitPrice: l.unitPrice })),
    total: totals.total,
    placedAt: at,
    market,
  });
  return change(order, [placed]);
};
