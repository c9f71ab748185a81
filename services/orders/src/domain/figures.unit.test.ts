import { describe, expect, it } from 'vitest';
import { dailyFigures, windowStart } from './figures';
import { ledger } from './ledger';
import type { Order } from './order';
import { awaitingOrder, confirmedOrder } from './test-fixtures';

const at = (o: Order, placedAt: string, currency = o.currency): Order => ({ ...o, placedAt, currency });

describe('daily figures', () => {
  it('when the window is 3 days, then it starts at midnight UTC two days before today and lists every day', () => {
    const now = new Date('2025-06-03T23:59:00.000Z');
    expect(windowStart(now, 3).toISOString()).toBe('2025-06-01T00:00:00.000Z');
    const f = dailyFigures([], now, 3);
    expect(f).toEqual({ from: '2025-06-01', to: '2025-06-03', currencies: [] });
  });

  it('when orders were placed on two days, one unpaid, then each day counts its orders and the paid money by the ledger', () => {
    const paid = confirmedOrder();
    const l = ledger(paid);
    const f = dailyFigures(
      [at(paid, '2025-06-02T08:00:00.000Z'), at(paid, '2025-06-02T21:00:00.000Z'), at(awaitingOrder(), '2025-06-03T01:00:00.000Z')],
      new Date('2025-06-03T12:00:00.000Z'),
      2,
    );
    expect(f.currencies).toHaveLength(1);
    const [d2, d3] = f.currencies[0]!.days;
    expect(d2).toMatchObject({ day: '2025-06-02', orders: 2, paidOrders: 2, paid: 2 * l.paid, open: 2 * l.paid, refunded: 0 });
    expect(d3).toMatchObject({ day: '2025-06-03', orders: 1, paidOrders: 0, paid: 0 });
  });

  it('when orders are in two currencies, then each currency has its own series and none are added together', () => {
    const o = confirmedOrder();
    const f = dailyFigures([at(o, '2025-06-03T08:00:00.000Z', 'SEK'), at(o, '2025-06-03T09:00:00.000Z')], new Date('2025-06-03T12:00:00.000Z'), 1);
    expect(f.currencies.map((c) => [c.currency, c.days[0]!.orders])).toEqual([
      ['EUR', 1],
      ['SEK', 1],
    ]);
  });
});
