import { describe, expect, it } from 'vitest';
import { cancelAccepted, cancelOrder, cancelRefused, expireOrder, markPickedUp, recordDelivery, rejectOrder, returnOrder } from './lifecycle';
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

const at = (s: number) => later(s).toISOString();

describe('cancelling', () => {
  it('when an unpaid order is cancelled, then no refund is owed', () => {
    const { order, events } = changed(cancelOrder(awaitingOrder(), 'buyer', 'changed my mind', settings, later(100)));
    expect(order.state).toBe('cancelled');
    expect(order.refund).toBeUndefined();
    expect(events).toEqual([
      { type: 'ftt.orders.order.cancelled.v1', data: { orderId: 'order-1', reason: 'changed my mind', cancelledBy: 'buyer', paid: false } },
    ]);
  });

  it('when a confirmed order is cancelled, then it stays confirmed and logistics is asked (no refund yet)', () => {
    const { order, events } = changed(cancelOrder(confirmedOrder(), 'buyer', 'changed my mind', settings, later(100)));
    expect(order.state).toBe('confirmed');
    expect(order.refund).toBeUndefined();
    expect(order.cancelRequest).toMatchObject({ status: 'requested', by: 'buyer', reason: 'changed my mind' });
    expect(events).toEqual([
      {
        type: 'ftt.orders.order.cancel_requested.v1',
        data: { orderId: 'order-1', reason: 'changed my mind', requestedBy: 'buyer', requestedAt: later(100).toISOString() },
      },
    ]);
    ignored(cancelOrder(order, 'buyer', 'again', settings, later(101)));
  });

  it('when logistics accepts the cancel, then the order is cancelled and a refund of everything paid is owed', () => {
    const requested = changed(cancelOrder(confirmedOrder(), 'buyer', 'changed my mind', settings, later(100))).order;
    const { order, events } = changed(cancelAccepted(requested, at(110), settings, later(120)));
    expect(order.state).toBe('cancelled');
    expect(order.cancelRequest).toMatchObject({ status: 'accepted', answeredAt: at(110) });
    expect(order.refund).toMatchObject({ status: 'pending', amount: { amount: 2487, currency: 'EUR' }, attempts: 0 });
    expect(order.followUpAt).toBe(later(150).toISOString());
    expect(order.timeline.at(-1)).toMatchObject({ at: at(110), state: 'cancelled' });
    expect(events).toEqual([
      { type: 'ftt.orders.order.cancelled.v1', data: { orderId: 'order-1', reason: 'changed my mind', cancelledBy: 'buyer', paid: true } },
    ]);
    ignored(cancelAccepted(order, at(111), settings, later(121)));
  });

  it('when logistics refuses the cancel, then the order goes on and the refusal is kept for the buyer', () => {
    const requested = changed(cancelOrder(confirmedOrder(), 'buyer', 'changed my mind', settings, later(100))).order;
    const { order, events } = changed(cancelRefused(requested, 'Anna’s produce left the farm', at(110), later(120)));
    expect(order.state).toBe('confirmed');
    expect(order.refund).toBeUndefined();
    expect(order.cancelRequest).toMatchObject({ status: 'refused', refusal: 'Anna’s produce left the farm', answeredAt: at(110) });
    expect(events).toEqual([]);
    ignored(cancelAccepted(order, at(111), settings, later(121)));
    ignored(cancelRefused(order, 'again', at(112), later(122)));
  });

  it('when an accept arrives with no request waiting, then it is ignored', () => {
    ignored(cancelAccepted(confirmedOrder(), at(110), settings, later(120)));
  });

  it('when any farm’s produce was picked up, then cancelling is rejected', () => {
    const picked = changed(markPickedUp(confirmedOrder(), 'farm-joost', at(200), later(200))).order;
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
    const once = changed(markPickedUp(confirmedOrder(), 'farm-anna', at(200), later(200))).order;
    expect(once.farms[0]!.pickedUpAt).toBe(later(200).toISOString());
    ignored(markPickedUp(once, 'farm-anna', at(201), later(201)));
  });

  it('when one of two farms delivered, then the order stays confirmed', () => {
    const { order, events } = changed(recordDelivery(confirmedOrder(), 'farm-anna', at(300), settings, later(300)));
    expect(order.state).toBe('confirmed');
    expect(events).toEqual([]);
  });

  it('when the last farm delivered, then the order completes and each farmer is owed their share', () => {
    const first = changed(recordDelivery(confirmedOrder(), 'farm-anna', at(300), settings, later(300))).order;
    const { order, events } = changed(recordDelivery(first, 'farm-joost', at(400), settings, later(400)));
    expect(order.state).toBe('completed');
    expect(types(events)).toEqual(['ftt.orders.order.completed.v1']);
    expect(order.farms.map((f) => [f.farmId, f.payout?.status, f.payout?.amount.amount, f.payout?.destination])).toEqual([
      ['farm-anna', 'pending', 855, 'acct_anna'],
      ['farm-joost', 'pending', 567, 'acct_joost'],
    ]);
    expect(order.followUpAt).toBe(later(430).toISOString());
  });

  it('when a delivery is reported twice or after completion, then it is ignored', () => {
    const first = changed(recordDelivery(confirmedOrder(), 'farm-anna', at(300), settings, later(300))).order;
    ignored(recordDelivery(first, 'farm-anna', at(301), settings, later(301)));
    const done = changed(recordDelivery(first, 'farm-joost', at(400), settings, later(400))).order;
    ignored(recordDelivery(done, 'farm-joost', at(401), settings, later(401)));
  });

  it('when a farm not in the order is reported, then it is ignored', () => {
    ignored(recordDelivery(confirmedOrder(), 'farm-nobody', at(300), settings, later(300)));
  });

  it('when every shipment is returned, then the order is refunded in full', () => {
    const one = changed(returnOrder(confirmedOrder(), 'farm-joost', 'nobody home', at(500), settings, later(500))).order;
    expect(one.state).toBe('confirmed');
    const { order } = changed(returnOrder(one, 'farm-anna', 'nobody home', at(510), settings, later(510)));
    expect(order.state).toBe('refunded');
    expect(order.refund).toMatchObject({ status: 'pending', amount: { amount: 2487 } });
    expect(order.farms.every((f) => !f.payout)).toBe(true);
  });

  it('when one farm delivered and the other returned, then the delivered farmer is paid and the rest refunded', () => {
    const one = changed(recordDelivery(confirmedOrder(), 'farm-anna', at(300), settings, later(300))).order;
    const { order, events } = changed(returnOrder(one, 'farm-joost', 'crushed', at(500), settings, later(501)));
    expect(order.state).toBe('completed');
    expect(types(events)).toEqual(['ftt.orders.order.completed.v1']);
    const joost = order.farms.find((f) => f.farmId === 'farm-joost')!;
    const anna = order.farms.find((f) => f.farmId === 'farm-anna')!;
    expect(joost.payout).toBeUndefined();
    expect(joost.returned).toEqual({ at: at(500), reason: 'crushed' });
    expect(anna.payout).toMatchObject({ status: 'pending', amount: { amount: 855 } });
    // Money is conserved: what was paid = the refund + what the delivered farm's part costs.
    expect(order.refund!.amount.amount).toBe(joost.goods.amount + joost.deliveryFee.amount);
    expect(order.refund!.amount.amount + anna.goods.amount + anna.deliveryFee.amount).toBe(order.payment!.amount.amount);
    ignored(recordDelivery(order, 'farm-joost', at(600), settings, later(600)));
  });

  it('when a shipment reports a time, then the order keeps the shipment’s time, not when it was processed', () => {
    const picked = changed(markPickedUp(confirmedOrder(), 'farm-anna', at(200), later(260))).order;
    expect(picked.farms[0]!.pickedUpAt).toBe(at(200));
    expect(picked.timeline.at(-1)!.at).toBe(at(200));
    expect(picked.updatedAt).toBe(later(260).toISOString());
  });

  it('when a return arrives for an unconfirmed order, then it is ignored', () => {
    ignored(returnOrder(awaitingOrder(), 'farm-joost', 'x', at(500), settings, later(500)));
  });
});
