import { describe, expect, it } from 'vitest';
import { allotEnd, ledger, moneyViolations, refundable } from './ledger';
import { cancelAccepted, cancelOrder, expireOrder, recordDelivery, returnOrder } from './lifecycle';
import { operatorRefundFailed, recordOperatorRefund, requestOperatorRefund } from './operator-refund';
import type { Order } from './order';
import { paymentFailed, paymentSucceeded } from './payment';
import { recordPayout, recordRefund } from './settlement';
import { awaitingOrder, changed, confirmedOrder, later, settings } from './test-fixtures';

/*
 * The fixture order: paid 2487 = Anna 900 goods (fee 45) + Joost 597 goods (fee 30) + 2 x 495 delivery.
 * Each path is checked against the invariant: refunded <= paid, and once the order ended
 * paid = refunded + payouts + fees + delivery kept.
 */
const PAID = 2487;
const ANNA = { goods: 900, fee: 45, delivery: 495 };
const JOOST = { goods: 597, fee: 30, delivery: 495 };
const by = 'user-admin-ada';

const holds = (o: Order) => expect(moneyViolations(o)).toEqual([]);

/** An operator refund, made by the provider. */
const opRefund = (o: Order, amountMinor?: number, at = 100) => {
  const asked = changed(requestOperatorRefund(o, { amountMinor, reason: 'goodwill', by }, later(at))).order;
  return changed(recordOperatorRefund(asked, { id: asked.operatorRefunds!.at(-1)!.id, refundId: `re_op_${at}` }, later(at + 1))).order;
};
const cancelled = (o: Order) => {
  const requested = changed(cancelOrder(o, { by: 'buyer', reason: 'plans changed', settings }, later(200))).order;
  return changed(cancelAccepted(requested, { at: later(201).toISOString(), settings }, later(201))).order;
};
const deliver = (o: Order, farmId: string, at: number) => changed(recordDelivery(o, { farmId, at: later(at).toISOString(), settings }, later(at))).order;
const giveBack = (o: Order, farmId: string, at: number) => changed(returnOrder(o, { farmId, reason: 'crushed', at: later(at).toISOString(), settings }, later(at))).order;
const payout = (o: Order, farmId: string) => o.farms.find((f) => f.farmId === farmId)!.payout;

describe('the money ledger', () => {
  it('given a paid order, when nothing moved yet, then all of it is refundable and still open', () => {
    const o = confirmedOrder();
    expect(ledger(o)).toEqual({ paid: PAID, refunded: 0, payouts: 0, fees: 0, deliveryKept: 0, open: PAID });
    expect(refundable(o).amount).toBe(PAID);
    holds(o);
  });

  it('given an unpaid order, when a payment fails or it expires, then no money is anywhere', () => {
    const failed = changed(paymentFailed(awaitingOrder(), { paymentId: 'pi_1', reason: 'card declined' }, later(10))).order;
    const expired = changed(expireOrder(failed, { cause: 'reservation_expired' }, later(20))).order;
    expect(ledger(expired)).toEqual({ paid: 0, refunded: 0, payouts: 0, fees: 0, deliveryKept: 0, open: 0 });
    expect(refundable(expired).amount).toBe(0);
    holds(expired);
  });

  it('given an expired order, when the payment arrives late, then all of it is refunded once', () => {
    const expired = changed(expireOrder(awaitingOrder(), { cause: 'reservation_expired' }, later(20))).order;
    const late = changed(paymentSucceeded(expired, { paymentId: 'pi_1', settings }, later(30))).order;
    expect(late.refund).toMatchObject({ status: 'pending', amount: { amount: PAID } });
    holds(late);
  });
});

describe('cancel after operator refunds', () => {
  it('given an operator refunded in full, when the buyer cancels, then the order is cancelled with no second refund', () => {
    const o = cancelled(opRefund(confirmedOrder()));
    expect(o.state).toBe('cancelled');
    expect(o.refund).toBeUndefined();
    expect(o.followUpAt ?? null).toBeNull();
    expect(ledger(o)).toMatchObject({ paid: PAID, refunded: PAID, open: 0 });
    holds(o);
  });

  it('given an operator refunded part, when the buyer cancels, then only the rest is refunded', () => {
    const o = cancelled(opRefund(confirmedOrder(), 300));
    expect(o.refund).toMatchObject({ status: 'pending', amount: { amount: PAID - 300 } });
    holds(o);
    const done = changed(recordRefund(o, { refundId: 're_1', settings }, later(300))).order;
    expect(refundable(done).amount).toBe(0);
    expect(requestOperatorRefund(done, { reason: 'again', by }, later(301))).toMatchObject({ kind: 'reject', code: 'refund.conflict' });
  });

  it('given an operator refund still pending, when the buyer cancels, then it counts as refunded already', () => {
    const asked = changed(requestOperatorRefund(confirmedOrder(), { amountMinor: 1000, reason: 'x', by }, later(100))).order;
    const o = cancelled(asked);
    expect(o.refund!.amount.amount).toBe(PAID - 1000);
    holds(changed(recordOperatorRefund(o, { id: 'op1', refundId: 're_op' }, later(300))).order);
  });
});

describe('every shipment returned after operator refunds', () => {
  it('given an operator refunded in full, when every shipment went back, then the order is refunded with no second refund', () => {
    const o = giveBack(giveBack(opRefund(confirmedOrder()), 'farm-anna', 300), 'farm-joost', 301);
    expect(o.state).toBe('refunded');
    expect(o.refund).toBeUndefined();
    expect(o.followUpAt).toBeNull();
    holds(o);
  });

  it('given an operator refunded part, when every shipment went back, then the saga refunds the rest', () => {
    const o = giveBack(giveBack(opRefund(confirmedOrder(), 500), 'farm-anna', 300), 'farm-joost', 301);
    expect(o.refund).toMatchObject({ status: 'pending', amount: { amount: PAID - 500 } });
    holds(o);
  });
});

describe('returns per farm with operator refunds', () => {
  it('given no operator refund, when one farm delivered and one went back, then the returned part is refunded and the farmer paid in full', () => {
    const o = giveBack(deliver(confirmedOrder(), 'farm-anna', 300), 'farm-joost', 301);
    expect(o.refund!.amount.amount).toBe(JOOST.goods + JOOST.delivery);
    expect(payout(o, 'farm-anna')).toMatchObject({ status: 'pending', gross: { amount: ANNA.goods }, platformFee: { amount: ANNA.fee }, amount: { amount: ANNA.goods - ANNA.fee }, delivery: { amount: ANNA.delivery } });
    expect(ledger(o)).toEqual({ paid: PAID, refunded: JOOST.goods + JOOST.delivery, payouts: ANNA.goods - ANNA.fee, fees: ANNA.fee, deliveryKept: ANNA.delivery, open: 0 });
    holds(o);
  });

  it('given an operator refunded less than went back, when the order ends, then the refund counts it and the farmer is paid in full', () => {
    const o = giveBack(deliver(opRefund(confirmedOrder(), 300), 'farm-anna', 300), 'farm-joost', 301);
    expect(o.refund!.amount.amount).toBe(JOOST.goods + JOOST.delivery - 300);
    expect(payout(o, 'farm-anna')!.amount.amount).toBe(ANNA.goods - ANNA.fee);
    holds(o);
  });

  it('given an operator refunded more than went back, when the order ends, then the excess comes from the fee, then the delivery, then the payout', () => {
    const returned = JOOST.goods + JOOST.delivery;
    const fromFee = giveBack(deliver(opRefund(confirmedOrder(), returned + 20), 'farm-anna', 300), 'farm-joost', 301);
    expect(fromFee.refund).toBeUndefined();
    expect(payout(fromFee, 'farm-anna')).toMatchObject({ platformFee: { amount: ANNA.fee - 20 }, delivery: { amount: ANNA.delivery }, amount: { amount: ANNA.goods - ANNA.fee } });
    holds(fromFee);
    const fromDelivery = giveBack(deliver(opRefund(confirmedOrder(), returned + 100), 'farm-anna', 300), 'farm-joost', 301);
    expect(payout(fromDelivery, 'farm-anna')).toMatchObject({ platformFee: { amount: 0 }, delivery: { amount: ANNA.delivery - 55 }, amount: { amount: ANNA.goods - ANNA.fee } });
    holds(fromDelivery);
    const fromPayout = giveBack(deliver(opRefund(confirmedOrder(), returned + 600), 'farm-anna', 300), 'farm-joost', 301);
    expect(payout(fromPayout, 'farm-anna')).toMatchObject({ platformFee: { amount: 0 }, delivery: { amount: 0 }, amount: { amount: ANNA.goods - ANNA.fee - 60 }, gross: { amount: ANNA.goods - ANNA.fee - 60 } });
    holds(fromPayout);
  });
});

describe('completion and payouts with operator refunds', () => {
  it('given an operator refunded in full, when every farm delivered, then nothing is left to pay out and no transfer is owed', () => {
    const o = deliver(deliver(opRefund(confirmedOrder()), 'farm-anna', 300), 'farm-joost', 301);
    expect(o.state).toBe('completed');
    for (const f of o.farms) expect(f.payout).toMatchObject({ status: 'paid', amount: { amount: 0 }, platformFee: { amount: 0 }, delivery: { amount: 0 } });
    expect(o.followUpAt).toBeNull();
    expect(o.refund).toBeUndefined();
    holds(o);
  });

  it('given an operator refunded part, when every farm delivered, then the platform fees and delivery carry it and the farmers are paid in full', () => {
    const o = deliver(deliver(opRefund(confirmedOrder(), 100), 'farm-anna', 300), 'farm-joost', 301);
    expect(o.farms.map((f) => f.payout!.amount.amount)).toEqual([ANNA.goods - ANNA.fee, JOOST.goods - JOOST.fee]);
    expect(ledger(o)).toMatchObject({ fees: 0, deliveryKept: 2 * 495 - 25, open: 0 });
    holds(o);
  });

  it('given the order completed, when an operator refunds, then only what the platform holds can go back, never the payouts', () => {
    const done = deliver(deliver(confirmedOrder(), 'farm-anna', 300), 'farm-joost', 301);
    const held = ANNA.fee + JOOST.fee + 2 * 495;
    expect(refundable(done).amount).toBe(held);
    const tooMuch = requestOperatorRefund(done, { amountMinor: held + 1, reason: 'x', by }, later(400));
    expect(tooMuch).toMatchObject({ kind: 'reject', code: 'refund.conflict', issues: [{ field: 'body.amountMinor' }] });
    const paidOut = changed(recordPayout(done, { farmId: 'farm-anna', transferId: 'tr_1', destination: 'acct_anna', settings }, later(302))).order;
    const after = opRefund(paidOut, 50, 400);
    expect(ledger(after)).toMatchObject({ refunded: 50, fees: ANNA.fee + JOOST.fee - 50, open: 0 });
    holds(after);
    const all = opRefund(after, undefined, 500);
    expect(ledger(all)).toMatchObject({ refunded: held, fees: 0, deliveryKept: 0, payouts: PAID - held, open: 0 });
    expect(requestOperatorRefund(all, { reason: 'x', by }, later(600))).toMatchObject({ kind: 'reject', message: expect.stringContaining('paid to its farmers') });
    holds(all);
  });

  it('given an operator refund pending when the order ended, when the provider fails it, then the money is open again and refundable', () => {
    const asked = changed(requestOperatorRefund(confirmedOrder(), { reason: 'x', by }, later(100))).order;
    const ended = deliver(deliver(asked, 'farm-anna', 300), 'farm-joost', 301);
    holds(ended);
    const failed = changed(operatorRefundFailed(ended, { id: 'op1', error: 'card closed' }, later(302))).order;
    // The invariant reports it (the platform holds what it should not), and the operator can refund it again.
    expect(moneyViolations(failed)).toHaveLength(1);
    expect(refundable(failed).amount).toBe(PAID);
    holds(opRefund(failed, undefined, 400));
  });
});

describe('concurrent operator refunds', () => {
  it('given one operator refund in progress, when a second is asked, then it is refused; once made, the second gets only the rest', () => {
    const asked = changed(requestOperatorRefund(confirmedOrder(), { amountMinor: 2000, reason: 'x', by }, later(100))).order;
    expect(requestOperatorRefund(asked, { reason: 'y', by }, later(100))).toMatchObject({ kind: 'reject', code: 'refund.conflict' });
    const made = changed(recordOperatorRefund(asked, { id: 'op1', refundId: 're_1' }, later(101))).order;
    const second = changed(requestOperatorRefund(made, { reason: 'y', by }, later(102))).order;
    expect(second.operatorRefunds![1]!.amount.amount).toBe(PAID - 2000);
    holds(second);
  });

  it('allotEnd never refunds more than was paid, whatever is owed back', () => {
    const o = opRefund(confirmedOrder(), 700);
    expect(allotEnd(o, PAID * 2, []).refund).toBe(PAID - 700);
    expect(allotEnd(o, 0, []).refund).toBe(0);
  });
});
