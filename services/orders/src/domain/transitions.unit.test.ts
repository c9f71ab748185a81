import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import { orderAggregate } from '../use-cases/aggregates';
import { cancelAccepted, cancelOrder, cancelRefused, expireOrder, markPickedUp, recordDelivery, rejectOrder, returnOrder } from './lifecycle';
import { asRequest, canMove, isEnd, ORDER_STATES, type DomainEvent, type Order, type OrderState } from './order';
import { paymentFailed, paymentSucceeded, startPayment } from './payment';
import { awaitingOrder, confirmedOrder, later, pendingOrder, settings } from './test-fixtures';

/**
 * Given an order, when a decider and its command, then what the handler writes. An ignore is a late or duplicate event,
 * or a step already taken: nothing to do, and not an error. A rejection is a request the state does not allow.
 */
const order = decider<Order, DomainEvent>(orderAggregate);
const withState = (o: Order, state: OrderState): Order => ({ ...o, state });
const types = (events: { type: string }[]) => events.map((e) => e.type);
const started = { provider: 'stripe', paymentId: 'pi_9', clientSecret: 's', settings };

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
    const { state } = order
      .given(pendingOrder())
      .when(startPayment, started, later(5))
      .then({
        state: {
          state: 'awaiting_payment',
          payment: { paymentId: 'pi_9', amount: { amount: 2487, currency: 'EUR' }, status: 'requires_payment' },
          expiresAt: later(5 + 900).toISOString(),
        },
        events: [],
      });
    expect(state.timeline.at(-1)).toMatchObject({ state: 'awaiting_payment' });
  });

  it('when a payment is started twice, then the second is ignored', () => {
    order.given(awaitingOrder()).when(startPayment, started, later(5)).thenIgnores();
  });

  it('when the payment succeeds, then the order is confirmed with one shipment plan per farm', () => {
    const { state, events } = order
      .given(awaitingOrder())
      .when(paymentSucceeded, { paymentId: 'pi_1', settings }, later(60))
      .then({ state: { state: 'confirmed' }, events: [{ type: 'ftt.orders.payment.succeeded.v1' }, { type: 'ftt.orders.order.confirmed.v1' }] });
    expect(state.expiresAt).toBeUndefined();
    const confirmed = events[1]!;
    if (confirmed.type !== 'ftt.orders.order.confirmed.v1') throw new Error('unreachable');
    expect(confirmed.data.dropoff).toMatchObject({ contactName: 'Ben', phone: '+31 6 1234 5678' });
    expect(confirmed.data.shipments.map((s) => [s.farmId, s.region, s.coldChain, s.lines.map((l) => `${l.quantity} ${l.unit} ${l.title} ${l.lotCode}`)])).toEqual([
      ['farm-anna', 'Gelderland', { minC: 2, maxC: 8 }, ['2 kg Elstar apples LOT-APL-1', '1 kg Conference pears LOT-PER-1']],
      ['farm-joost', 'Gelderland', { minC: 0, maxC: 4 }, ['3 bunch Curly kale LOT-KAL-7']],
    ]);
  });

  it('when the same payment succeeds twice, then the second is ignored', () => {
    order.given(confirmedOrder()).when(paymentSucceeded, { paymentId: 'pi_1', settings }, later(61)).thenIgnores();
  });

  it('when a payment of another order is reported, then it is ignored', () => {
    order.given(awaitingOrder()).when(paymentSucceeded, { paymentId: 'pi_other', settings }, later(61)).thenIgnores();
  });

  it('when a payment succeeds after the order expired, then nothing ships and a refund is owed', () => {
    order
      .given(awaitingOrder())
      .when(expireOrder, { cause: 'payment_timeout' }, later(2000))
      .then()
      .when(paymentSucceeded, { paymentId: 'pi_1', settings }, later(2001))
      .then({
        state: { state: 'expired', refund: { status: 'pending', amount: { amount: 2487 } }, followUpAt: later(2031).toISOString() },
        events: [{ type: 'ftt.orders.payment.succeeded.v1' }],
      });
  });

  it('when a payment attempt fails, then the order keeps waiting and payment.failed is emitted', () => {
    const { events } = order
      .given(awaitingOrder())
      .when(paymentFailed, { paymentId: 'pi_1', reason: 'card_declined' }, later(30))
      .then({ state: { state: 'awaiting_payment', payment: { failures: 1, lastFailure: 'card_declined' } } });
    expect(events).toEqual([
      { type: 'ftt.orders.payment.failed.v1', data: { orderId: 'order-1', paymentId: 'pi_1', provider: 'simulated', reason: 'card_declined' } },
    ]);
  });

  it('when a payment fails after the order was confirmed, then it is ignored', () => {
    order.given(confirmedOrder()).when(paymentFailed, { paymentId: 'pi_1', reason: 'late' }, later(90)).thenIgnores();
  });

  it('when the buyer reports a payment result the order no longer takes (simulated pay), then it is rejected with the reason', () => {
    order
      .given(confirmedOrder())
      .when((o, now) => asRequest(paymentFailed(o, { paymentId: 'pi_1', reason: 'late' }, now)), later(90))
      .thenRejects('order.invalid_transition', 'a failed payment attempt is not possible while the order is confirmed');
    order
      .given(awaitingOrder())
      .when((o, now) => asRequest(paymentFailed(o, { paymentId: 'pi_1', reason: 'declined' }, now)), later(90))
      .then();
  });
});

describe('stock outcomes and expiry', () => {
  it('when stock is rejected, then the order is rejected naming the listing', () => {
    const { events } = order
      .given(pendingOrder())
      .when(rejectOrder, { reason: 'insufficient_stock', listingId: 'listing-kale' }, later(2))
      .then({ state: { state: 'rejected' } });
    expect(events).toEqual([{ type: 'ftt.orders.order.rejected.v1', data: { orderId: 'order-1', reason: 'insufficient_stock', listingId: 'listing-kale' } }]);
  });

  it('when stock is rejected after payment started, then it is ignored', () => {
    order.given(awaitingOrder()).when(rejectOrder, { reason: 'insufficient_stock' }, later(2)).thenIgnores();
  });

  it('when the payment deadline has not passed, then the sweeper’s expiry is ignored', () => {
    order.given(awaitingOrder()).when(expireOrder, { cause: 'payment_timeout' }, later(600)).thenIgnores();
  });

  it('when the payment deadline passed, then the order expires and order.expired is emitted', () => {
    const { events } = order.given(awaitingOrder()).when(expireOrder, { cause: 'payment_timeout' }, later(902)).then({ state: { state: 'expired' } });
    expect(events).toEqual([{ type: 'ftt.orders.order.expired.v1', data: { orderId: 'order-1', expiredAt: later(902).toISOString() } }]);
  });

  it('when catalog’s reservation expired, then the order expires whatever its own deadline', () => {
    order.given(awaitingOrder()).when(expireOrder, { cause: 'reservation_expired' }, later(10)).then({ state: { state: 'expired' } });
  });

  it('when a confirmed order would expire, then the expiry is ignored', () => {
    order.given(confirmedOrder()).when(expireOrder, { cause: 'reservation_expired' }, later(10_000)).thenIgnores();
  });
});

const at = (s: number) => later(s).toISOString();
const cancelByBuyer = { by: 'buyer' as const, reason: 'changed my mind', settings };
/** A confirmed order whose buyer asked to cancel (logistics has not answered). */
const cancelRequested = () => order.given(confirmedOrder()).when(cancelOrder, cancelByBuyer, later(100)).then();

describe('cancelling', () => {
  it('when an unpaid order is cancelled, then no refund is owed', () => {
    const { state, events } = order.given(awaitingOrder()).when(cancelOrder, cancelByBuyer, later(100)).then({ state: { state: 'cancelled' } });
    expect(state.refund).toBeUndefined();
    expect(events).toEqual([
      { type: 'ftt.orders.order.cancelled.v1', data: { orderId: 'order-1', reason: 'changed my mind', cancelledBy: 'buyer', paid: false } },
    ]);
  });

  it('when a confirmed order is cancelled, then it stays confirmed and logistics is asked (no refund yet)', () => {
    const requested = order
      .given(confirmedOrder())
      .when(cancelOrder, cancelByBuyer, later(100))
      .then({ state: { state: 'confirmed', cancelRequest: { status: 'requested', by: 'buyer', reason: 'changed my mind' } } });
    expect(requested.state.refund).toBeUndefined();
    expect(requested.events).toEqual([
      {
        type: 'ftt.orders.order.cancel_requested.v1',
        data: { orderId: 'order-1', reason: 'changed my mind', requestedBy: 'buyer', requestedAt: later(100).toISOString() },
      },
    ]);
    requested.when(cancelOrder, { ...cancelByBuyer, reason: 'again' }, later(101)).thenIgnores();
  });

  it('when logistics accepts the cancel, then the order is cancelled and a refund of everything paid is owed', () => {
    const accepted = cancelRequested()
      .when(cancelAccepted, { at: at(110), settings }, later(120))
      .then({
        state: {
          state: 'cancelled',
          cancelRequest: { status: 'accepted', answeredAt: at(110) },
          refund: { status: 'pending', amount: { amount: 2487, currency: 'EUR' }, attempts: 0 },
          followUpAt: later(150).toISOString(),
        },
      });
    expect(accepted.state.timeline.at(-1)).toMatchObject({ at: at(110), state: 'cancelled' });
    expect(accepted.events).toEqual([
      { type: 'ftt.orders.order.cancelled.v1', data: { orderId: 'order-1', reason: 'changed my mind', cancelledBy: 'buyer', paid: true } },
    ]);
    accepted.when(cancelAccepted, { at: at(111), settings }, later(121)).thenIgnores();
  });

  it('when logistics refuses the cancel, then the order goes on and the refusal is kept for the buyer', () => {
    const refused = cancelRequested()
      .when(cancelRefused, { reason: 'Anna’s produce left the farm', at: at(110) }, later(120))
      .then({
        state: { state: 'confirmed', cancelRequest: { status: 'refused', refusal: 'Anna’s produce left the farm', answeredAt: at(110) } },
        events: [],
      });
    expect(refused.state.refund).toBeUndefined();
    refused.when(cancelAccepted, { at: at(111), settings }, later(121)).thenIgnores();
    refused.when(cancelRefused, { reason: 'again', at: at(112) }, later(122)).thenIgnores();
  });

  it('when an accept arrives with no request waiting, then it is ignored', () => {
    order.given(confirmedOrder()).when(cancelAccepted, { at: at(110), settings }, later(120)).thenIgnores();
  });

  it('when any farm’s produce was picked up, then cancelling is rejected', () => {
    order
      .given(confirmedOrder())
      .when(markPickedUp, { farmId: 'farm-joost', at: at(200) }, later(200))
      .then()
      .when(cancelOrder, { by: 'buyer', reason: 'too late', settings }, later(201))
      .thenRejects('order.invalid_transition', 'the order was already picked up and can no longer be cancelled');
  });

  it('when the order already ended, then cancelling is rejected', () => {
    for (const s of ['completed', 'rejected', 'cancelled', 'expired', 'refunded'] as const) {
      order.given(withState(pendingOrder(), s)).when(cancelOrder, { by: 'buyer', reason: 'x', settings }, later(1)).thenRejects('order.invalid_transition');
    }
  });
});

describe('shipments', () => {
  it('when a pickup is reported twice, then the second is ignored', () => {
    const once = order.given(confirmedOrder()).when(markPickedUp, { farmId: 'farm-anna', at: at(200) }, later(200)).then();
    expect(once.state.farms[0]!.pickedUpAt).toBe(later(200).toISOString());
    once.when(markPickedUp, { farmId: 'farm-anna', at: at(201) }, later(201)).thenIgnores();
  });

  it('when one of two farms delivered, then the order stays confirmed', () => {
    order
      .given(confirmedOrder())
      .when(recordDelivery, { farmId: 'farm-anna', at: at(300), settings }, later(300))
      .then({ state: { state: 'confirmed' }, events: [] });
  });

  it('when the last farm delivered, then the order completes and each farmer is owed their share', () => {
    const { state } = order
      .given(confirmedOrder())
      .when(recordDelivery, { farmId: 'farm-anna', at: at(300), settings }, later(300))
      .then()
      .when(recordDelivery, { farmId: 'farm-joost', at: at(400), settings }, later(400))
      .then({ state: { state: 'completed', followUpAt: later(430).toISOString() }, events: [{ type: 'ftt.orders.order.completed.v1' }] });
    expect(state.farms.map((f) => [f.farmId, f.payout?.status, f.payout?.amount.amount, f.payout?.destination])).toEqual([
      ['farm-anna', 'pending', 855, 'acct_anna'],
      ['farm-joost', 'pending', 567, 'acct_joost'],
    ]);
  });

  it('when a delivery is reported twice or after completion, then it is ignored', () => {
    const first = order.given(confirmedOrder()).when(recordDelivery, { farmId: 'farm-anna', at: at(300), settings }, later(300)).then();
    first.when(recordDelivery, { farmId: 'farm-anna', at: at(301), settings }, later(301)).thenIgnores();
    first
      .when(recordDelivery, { farmId: 'farm-joost', at: at(400), settings }, later(400))
      .then()
      .when(recordDelivery, { farmId: 'farm-joost', at: at(401), settings }, later(401))
      .thenIgnores();
  });

  it('when a farm not in the order is reported, then it is ignored', () => {
    order.given(confirmedOrder()).when(recordDelivery, { farmId: 'farm-nobody', at: at(300), settings }, later(300)).thenIgnores();
  });

  it('when every shipment is returned, then the order is refunded in full', () => {
    const { state } = order
      .given(confirmedOrder())
      .when(returnOrder, { farmId: 'farm-joost', reason: 'nobody home', at: at(500), settings }, later(500))
      .then({ state: { state: 'confirmed' } })
      .when(returnOrder, { farmId: 'farm-anna', reason: 'nobody home', at: at(510), settings }, later(510))
      .then({ state: { state: 'refunded', refund: { status: 'pending', amount: { amount: 2487 } } } });
    expect(state.farms.every((f) => !f.payout)).toBe(true);
  });

  it('when one farm delivered and the other returned, then the delivered farmer is paid and the rest refunded', () => {
    const ended = order
      .given(confirmedOrder())
      .when(recordDelivery, { farmId: 'farm-anna', at: at(300), settings }, later(300))
      .then()
      .when(returnOrder, { farmId: 'farm-joost', reason: 'crushed', at: at(500), settings }, later(501))
      .then({ state: { state: 'completed' }, events: [{ type: 'ftt.orders.order.completed.v1' }] });
    const o = ended.state;
    const joost = o.farms.find((f) => f.farmId === 'farm-joost')!;
    const anna = o.farms.find((f) => f.farmId === 'farm-anna')!;
    expect(joost.payout).toBeUndefined();
    expect(joost.returned).toEqual({ at: at(500), reason: 'crushed' });
    expect(anna.payout).toMatchObject({ status: 'pending', amount: { amount: 855 } });
    // Money is conserved: what was paid = the refund + what the delivered farm's part costs.
    expect(o.refund!.amount.amount).toBe(joost.goods.amount + joost.deliveryFee.amount);
    expect(o.refund!.amount.amount + anna.goods.amount + anna.deliveryFee.amount).toBe(o.payment!.amount.amount);
    expect(types(ended.events)).toEqual(['ftt.orders.order.completed.v1']);
    ended.when(recordDelivery, { farmId: 'farm-joost', at: at(600), settings }, later(600)).thenIgnores();
  });

  it('when a shipment reports a time, then the order keeps the shipment’s time, not when it was processed', () => {
    const { state } = order
      .given(confirmedOrder())
      .when(markPickedUp, { farmId: 'farm-anna', at: at(200) }, later(260))
      .then({ state: { updatedAt: later(260).toISOString() } });
    expect(state.farms[0]!.pickedUpAt).toBe(at(200));
    expect(state.timeline.at(-1)!.at).toBe(at(200));
  });

  it('when a return arrives for an unconfirmed order, then it is ignored', () => {
    order.given(awaitingOrder()).when(returnOrder, { farmId: 'farm-joost', reason: 'x', at: at(500), settings }, later(500)).thenIgnores();
  });
});
