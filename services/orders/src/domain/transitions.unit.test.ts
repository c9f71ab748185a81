import { describe, expect, it } from 'vitest';
import { cancelOrder, expireOrder, markPickedUp, recordDelivery, rejectOrder, returnOrder } from './lifecycle';
import { asRequest, canMove, isEnd, ORDER_STATES, type Order, type OrderState } from './order';
import { paymentFailed, paymentSucceeded, startPayment } from './payment';
import { awaitingOrder, changed, confirmedOrder, later, pendingOrder, settings } from './test-fixtures';

/** A late or duplicate event, or a step already taken: nothing to do, and not an error. */
const ignored = (outcome: unknown) => expect(outcome).toMatchObject({ kind: 'ignore', reason: expect.any(String) });
/** A request the state does not allow: the command handler turns it into a DomainError with this code. */
const rejected = (outcome: unknown) => expect(outcome).toMatchObject({ kind: 'reject', code: 'order.invalid_transition' });
const withState = (order: Order, state: OrderState): Order => ({ ...order, state });
const types = (events: { type: string }[]) => events.map((e) => e.type);

describe('the state machine', () => {
  it('when an order reached an end, then nothing leaves it', () => {
    for (const end of ['completed', 'rejected', 'cancelled', 'expired', 'refunded'] as const) {
      expect(isEnd(end)).toBe(true);
      for (const to of ORDER_STATES) expect(canMove(end, to)).toBe(false);
    }
  });

  it('when a move is not in the table, then it is illegal', () => {
    expect(canMove('pending', 'confirmed')).toBe(false);
    expect(canMove('awaiting_payment', 'completed')).toBe(false);
    expect(canMove('confirmed', 'expired')).toBe(false);
    expect(canMove('pending', 'awaiting_payment')).toBe(true);
  });
});

describe('payment', () => {
  it('when stock is reserved and a payment created, then the order awaits payment until the timeout', () => {
    const { order, events } = changed(startPayment(pendingOrder(), { provider: 'stripe', paymentId: 'pi_9', clientSecret: 's' }, settings, later(5)));
    expect(order.state).toBe('awaiting_payment');
    expect(order.payment).toMatchObject({ paymentId: 'pi_9', amount: { amount: 2487, currency: 'EUR' }, status: 'requires_payment' });
    expect(order.expiresAt).toBe(later(5 + 900).toISOString());
    expect(order.timeline.at(-1)).toMatchObject({ state: 'awaiting_payment' });
    expect(events).toEqual([]);
  });

  it('when a payment is started twice, then the second is ignored', () => {
    ignored(startPayment(awaitingOrder(), { provider: 'stripe', paymentId: 'pi_9', clientSecret: 's' }, settings, later(5)));
  });

  it('when the payment succeeds, then the order is confirmed with one shipment plan per farm', () => {
    const { order, events } = changed(paymentSucceeded(awaitingOrder(), 'pi_1', settings, later(60)));
    expect(order.state).toBe('confirmed');
    expect(order.expiresAt).toBeUndefined();
    expect(types(events)).toEqual(['ftt.orders.payment.succeeded.v1', 'ftt.orders.order.confirmed.v1']);
    const confirmed = events[1]!;
    if (confirmed.type !== 'ftt.orders.order.confirmed.v1') throw new Error('unreachable');
    expect(confirmed.data.dropoff).toMatchObject({ contactName: 'Ben', phone: '+31 6 1234 5678' });
    expect(confirmed.data.shipments.map((s) => [s.farmId, s.region, s.coldChain, s.lines.map((l) => `${l.quantity} ${l.unit} ${l.title} ${l.lotCode}`)])).toEqual([
      ['farm-anna', 'Gelderland', { minC: 2, maxC: 8 }, ['2 kg Elstar apples LOT-APL-1', '1 kg Conference pears LOT-PER-1']],
      ['farm-joost', 'Gelderland', { minC: 0, maxC: 4 }, ['3 bunch Curly kale LOT-KAL-7']],
    ]);
  });

  it('when the same payment succeeds twice, then the second is ignored', () => {
    ignored(paymentSucceeded(confirmedOrder(), 'pi_1', settings, later(61)));
  });

  it('when a payment of another order is reported, then it is ignored', () => {
    ignored(paymentSucceeded(awaitingOrder(), 'pi_other', settings, later(61)));
  });

  it('when a payment succeeds after the order expired, then nothing ships and a refund is owed', () => {
    const expired = changed(expireOrder(awaitingOrder(), 'payment_timeout', later(2000))).order;
    const { order, events } = changed(paymentSucceeded(expired, 'pi_1', settings, later(2001)));
    expect(order.state).toBe('expired');
    expect(order.refund).toMatchObject({ status: 'pending', amount: { amount: 2487 } });
    expect(order.followUpAt).toBe(later(2031).toISOString());
    expect(types(events)).toEqual(['ftt.orders.payment.succeeded.v1']);
  });

  it('when a payment attempt fails, then the order keeps waiting and payment.failed is emitted', () => {
    const { order, events } = changed(paymentFailed(awaitingOrder(), 'pi_1', 'card_declined', later(30)));
    expect(order.state).toBe('awaiting_payment');
    expect(order.payment).toMatchObject({ failures: 1, lastFailure: 'card_declined' });
    expect(events).toEqual([
      { type: 'ftt.orders.payment.failed.v1', data: { orderId: 'order-1', paymentId: 'pi_1', provider: 'simulated', reason: 'card_declined' } },
    ]);
  });

  it('when a payment fails after the order was confirmed, then it is ignored', () => {
    ignored(paymentFailed(confirmedOrder(), 'pi_1', 'late', later(90)));
  });

  it('when the buyer reports a payment result the order no longer takes (simulated pay), then it is rejected with the reason', () => {
    expect(asRequest(paymentFailed(confirmedOrder(), 'pi_1', 'late', later(90)))).toEqual({
      kind: 'reject',
      code: 'order.invalid_transition',
      message: 'a failed payment attempt is not possible while the order is confirmed',
    });
    expect(asRequest(paymentFailed(awaitingOrder(), 'pi_1', 'declined', later(90)))).toMatchObject({ kind: 'change' });
  });
});

describe('stock outcomes and expiry', () => {
  it('when stock is rejected, then the order is rejected naming the listing', () => {
    const { order, events } = changed(rejectOrder(pendingOrder(), 'insufficient_stock', 'listing-kale', later(2)));
    expect(order.state).toBe('rejected');
    expect(events).toEqual([{ type: 'ftt.orders.order.rejected.v1', data: { orderId: 'order-1', reason: 'insufficient_stock', listingId: 'listing-kale' } }]);
  });

  it('when stock is rejected after payment started, then it is ignored', () => {
    ignored(rejectOrder(awaitingOrder(), 'insufficient_stock', undefined, later(2)));
  });

  it('when the payment deadline has not passed, then the sweeper’s expiry is ignored', () => {
    ignored(expireOrder(awaitingOrder(), 'payment_timeout', later(600)));
  });

  it('when the payment deadline passed, then the order expires and order.expired is emitted', () => {
    const { order, events } = changed(expireOrder(awaitingOrder(), 'payment_timeout', later(902)));
    expect(order.state).toBe('expired');
    expect(events).toEqual([{ type: 'ftt.orders.order.expired.v1', data: { orderId: 'order-1', expiredAt: later(902).toISOString() } }]);
  });

  it('when catalog’s reservation expired, then the order expires whatever its own deadline', () => {
    expect(changed(expireOrder(awaitingOrder(), 'reservation_expired', later(10))).order.state).toBe('expired');
  });

  it('when a confirmed order would expire, then the expiry is ignored', () => {
    ignored(expireOrder(confirmedOrder(), 'reservation_expired', later(10_000)));
  });
});

describe('cancelling', () => {
  it('when an unpaid order is cancelled, then no refund is owed', () => {
    const { order, events } = changed(cancelOrder(awaitingOrder(), 'buyer', 'changed my mind', settings, later(100)));
    expect(order.state).toBe('cancelled');
    expect(order.refund).toBeUndefined();
    expect(events).toEqual([
      { type: 'ftt.orders.order.cancelled.v1', data: { orderId: 'order-1', reason: 'changed my mind', cancelledBy: 'buyer', paid: false } },
    ]);
  });

  it('when a paid order is cancelled before pickup, then a refund of everything paid is owed', () => {
    const { order, events } = changed(cancelOrder(confirmedOrder(), 'buyer', 'changed my mind', settings, later(100)));
    expect(order.refund).toMatchObject({ status: 'pending', amount: { amount: 2487, currency: 'EUR' }, attempts: 0 });
    expect(order.followUpAt).toBe(later(130).toISOString());
    expect(events[0]).toMatchObject({ data: { paid: true } });
  });

  it('when any farm’s produce was picked up, then cancelling is rejected', () => {
    const picked = changed(markPickedUp(confirmedOrder(), 'farm-joost', later(200))).order;
    expect(cancelOrder(picked, 'buyer', 'too late', settings, later(201))).toEqual({
      kind: 'reject',
      code: 'order.invalid_transition',
      message: 'the order was already picked up and can no longer be cancelled',
    });
  });

  it('when the order already ended, then cancelling is rejected', () => {
    for (const s of ['completed', 'rejected', 'cancelled', 'expired', 'refunded'] as const) {
      rejected(cancelOrder(withState(pendingOrder(), s), 'buyer', 'x', settings, later(1)));
    }
  });
});

describe('shipments', () => {
  it('when a pickup is reported twice, then the second is ignored', () => {
    const once = changed(markPickedUp(confirmedOrder(), 'farm-anna', later(200))).order;
    expect(once.farms[0]!.pickedUpAt).toBe(later(200).toISOString());
    ignored(markPickedUp(once, 'farm-anna', later(201)));
  });

  it('when one of two farms delivered, then the order stays confirmed', () => {
    const { order, events } = changed(recordDelivery(confirmedOrder(), 'farm-anna', settings, later(300)));
    expect(order.state).toBe('confirmed');
    expect(events).toEqual([]);
  });

  it('when the last farm delivered, then the order completes and each farmer is owed their share', () => {
    const first = changed(recordDelivery(confirmedOrder(), 'farm-anna', settings, later(300))).order;
    const { order, events } = changed(recordDelivery(first, 'farm-joost', settings, later(400)));
    expect(order.state).toBe('completed');
    expect(types(events)).toEqual(['ftt.orders.order.completed.v1']);
    expect(order.farms.map((f) => [f.farmId, f.payout?.status, f.payout?.amount.amount, f.payout?.destination])).toEqual([
      ['farm-anna', 'pending', 855, 'acct_anna'],
      ['farm-joost', 'pending', 567, 'acct_joost'],
    ]);
    expect(order.followUpAt).toBe(later(430).toISOString());
  });

  it('when a delivery is reported twice or after completion, then it is ignored', () => {
    const first = changed(recordDelivery(confirmedOrder(), 'farm-anna', settings, later(300))).order;
    ignored(recordDelivery(first, 'farm-anna', settings, later(301)));
    const done = changed(recordDelivery(first, 'farm-joost', settings, later(400))).order;
    ignored(recordDelivery(done, 'farm-joost', settings, later(401)));
  });

  it('when a farm not in the order is reported, then it is ignored', () => {
    ignored(recordDelivery(confirmedOrder(), 'farm-nobody', settings, later(300)));
  });

  it('when a shipment is returned, then the order is refunded in full', () => {
    const { order } = changed(returnOrder(confirmedOrder(), 'farm-joost', 'nobody home', settings, later(500)));
    expect(order.state).toBe('refunded');
    expect(order.refund).toMatchObject({ status: 'pending', amount: { amount: 2487 } });
  });

  it('when a return arrives for an unconfirmed order, then it is ignored', () => {
    ignored(returnOrder(awaitingOrder(), 'farm-joost', 'x', settings, later(500)));
  });
});
