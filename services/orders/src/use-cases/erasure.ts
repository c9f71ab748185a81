import type { Cause } from '@ftt/kit';
import { eraseBuyer } from '../domain/erasure';
import { onOrder, type Context } from './context';

const PAGE = 100;

/**
 * identity's person.erased.v1: every order of the person (their list's index, a page at a time) loses the buyer's
 * personal data. Each order's write records the event id, so a redelivered event changes nothing; a crash half-way
 * is finished by the redelivery (orders already erased are ignored).
 */
export const onPersonErased = async (ctx: Context, d: { personId: string }, cause: Cause) => {
  let cursor: string | undefined;
  let erased = 0;
  do {
    const page = await ctx.orders.pageByBuyer(d.personId, { limit: PAGE, cursor });
    for (const o of page.items) {
      const done = await ctx.handleOrder(
        o.orderId,
        onOrder(o.orderId, (order, now) => eraseBuyer(order, now)),
        cause,
      );
      if (done.result === 'written') erased++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  ctx.log.info({ personId: d.personId, orders: erased }, 'buyer erased from orders');
};
