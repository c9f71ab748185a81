import { DomainError } from '@ftt/kit';
import { valueSplit } from '../domain/money';
import { priceOrder, type OrderLineRequest } from '../domain/place';
import type { Context } from './context';

/**
 * What an order of these lines would cost, before placing it: the same pricing as placing (priceOrder over orders'
 * own listing read model), nothing stored. Lines that cannot be ordered are refused as placing would refuse them.
 */
export const quoteOrder = async (ctx: Context, lines: OrderLineRequest[]) => {
  const listings = await ctx.listings.getMany(lines.map((l) => l.listingId));
  const price = priceOrder(lines, listings, ctx.settings);
  if ('issues' in price)
    throw new DomainError('order.unprocessable', 'some lines cannot be ordered', price.issues);
  return {
    currency: price.currency,
    lines: price.lines,
    totals: price.totals,
    valueSplit: valueSplit(price),
  };
};
