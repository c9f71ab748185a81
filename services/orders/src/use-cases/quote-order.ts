import { DomainError } from '@ftt/kit';
import { valueSplit } from '../domain/money';
import { priceOrder, type PriceRequest } from '../domain/place';
import type { Context } from './context';

/**
 * What an order of these lines would cost, before placing it: the same pricing as placing (priceOrder over orders'
 * own listing read model), nothing stored. Lines that cannot be ordered are refused as placing would refuse them.
 */
export const quoteOrder = async (ctx: Context, req: PriceRequest) => {
  const listings = await ctx.listings.getMany(req.lines.map((l) => l.listingId));
  const price = priceOrder(req, listings, { ...ctx.settings, deliveryOffer: await ctx.offers.current(), markets: await ctx.markets.byCode() }, ctx.clock());
  if ('issues' in price) throw new DomainError('order.unprocessable', price.message, price.issues);
  const q = price.quote;
  return {
    currency: price.currency,
    lines: price.lines,
    totals: price.totals,
    valueSplit: valueSplit(price),
    ...(q ? { delivery: { day: q.day, cutoff: q.cutoff, moved: q.moved, fee: q.fee, drop: q.drop } } : {}),
  };
};
