import { describe, expect, it } from 'vitest';
import { cancelOrder } from '../domain/lifecycle';
import { recordOperatorRefund, requestOperatorRefund } from '../domain/operator-refund';
import { changed, confirmedOrder, later, settings } from '../domain/test-fixtures';
import { OrderView } from './schemas';
import { toOrderView } from './views';

describe("the buyer's view of an order", () => {
  it("when an operator refunds part of a paid order, then the buyer's timeline has the refund as a kind with its amount, no operator id, no reason and no provider id, and the refunds say what the buyer paid in the end", () => {
    const order = confirmedOrder();
    const asked = changed(
      requestOperatorRefund(order, { amountMinor: 150, reason: 'crate 4 was bruised, supplier complaint #88', by: 'user-admin-ada' }, later(100)),
    ).order;
    const made = changed(recordOperatorRefund(asked, { id: 'op1', refundId: 're_secret_1' }, later(101))).order;
    const view = OrderView.parse(toOrderView(made));
    const text = JSON.stringify(view.timeline);
    expect(text).not.toMatch(/user-admin-ada|bruised|#88|re_secret_1|pi_1/);
    expect(view.timeline.slice(-2)).toEqual([
      { at: later(100).toISOString(), state: 'confirmed', kind: 'operator_refund_requested', amount: { amount: 150, currency: 'EUR' } },
      { at: later(101).toISOString(), state: 'confirmed', kind: 'operator_refund_made', amount: { amount: 150, currency: 'EUR' } },
    ]);
    const paid = order.payment!.amount.amount;
    expect(view.refunds).toEqual({
      paid: { amount: paid, currency: 'EUR' },
      refunded: { amount: 150, currency: 'EUR' },
      refunding: { amount: 0, currency: 'EUR' },
      paidInTheEnd: { amount: paid - 150, currency: 'EUR' },
    });
  });

  it('when the buyer and an operator cancel, then the buyer reads who as "you" or "support" and never the reason an operator gave', () => {
    const byBuyer = changed(cancelOrder(confirmedOrder(), { by: 'buyer', reason: 'changed my mind', settings }, later(100))).order;
    expect(OrderView.parse(toOrderView(byBuyer)).timeline.at(-1)).toMatchObject({ kind: 'cancel_requested', by: 'you' });
    const byAdmin = changed(cancelOrder(confirmedOrder(), { by: 'admin', reason: 'fraud check on account 123', settings }, later(100))).order;
    const view = OrderView.parse(toOrderView(byAdmin));
    expect(view.timeline.at(-1)).toMatchObject({ kind: 'cancel_requested', by: 'support' });
    expect(JSON.stringify(view.timeline)).not.toMatch(/fraud|123/);
  });

  it('when an entry was stored before entries had a kind, then the buyer sees an update without its words', () => {
    const order = { ...confirmedOrder(), timeline: [{ at: later(1).toISOString(), state: 'pending' as const, cause: 'operator refund of 1.50 EUR requested by user-admin-ada: x' }] };
    expect(OrderView.parse(toOrderView(order)).timeline).toEqual([{ at: later(1).toISOString(), state: 'pending', kind: 'updated' }]);
  });
});
