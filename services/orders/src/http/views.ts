import { LEGACY_MARKET } from '@ftt/contracts';
import { valueSplit } from '../domain/money';
import type { Order } from '../domain/order';
import { refundSummary } from '../domain/refund-summary';
import { forBuyer } from '../domain/timeline';
import type { OrderView } from './schemas';

/**
 * What a buyer (or admin) sees of an order: never the client secret, the farmer ids or payout accounts, and a timeline
 * without operator ids or internal reasons (operators read those in the saga timeline).
 */
export const toOrderView = (o: Order): OrderView => ({
  orderId: o.orderId,
  buyerId: o.buyerId,
  state: o.state,
  market: o.market ?? LEGACY_MARKET,
  currency: o.currency,
  paymentMethod: o.paymentMethod ?? 'card',
  placedAt: o.placedAt,
  updatedAt: o.updatedAt,
  expiresAt: o.expiresAt,
  lines: o.lines,
  farms: o.farms.map((f) => ({
    farmId: f.farmId,
    farmName: f.farmName,
    region: f.region,
    pickedUpAt: f.pickedUpAt,
    deliveredAt: f.deliveredAt,
    returned: f.returned,
    payout: f.payout && { status: f.payout.status, amount: f.payout.amount, transferId: f.payout.transferId, paidAt: f.payout.paidAt },
  })),
  dropoff: o.dropoff,
  delivery: o.delivery,
  totals: o.totals,
  valueSplit: valueSplit(o),
  payment: o.payment && {
    provider: o.payment.provider,
    paymentId: o.payment.paymentId,
    status: o.payment.status,
    amount: o.payment.amount,
    failures: o.payment.failures,
    lastFailure: o.payment.lastFailure,
  },
  refund: o.refund && {
    status: o.refund.status,
    amount: o.refund.amount,
    reason: o.refund.reason,
    refundId: o.refund.refundId,
    refundedAt: o.refund.refundedAt,
  },
  cancelRequest: o.cancelRequest && {
    status: o.cancelRequest.status,
    reason: o.cancelRequest.reason,
    requestedAt: o.cancelRequest.requestedAt,
    answeredAt: o.cancelRequest.answeredAt,
    refusal: o.cancelRequest.refusal,
  },
  refunds: refundSummary(o),
  timeline: o.timeline.map((e) => ({ at: e.at, state: e.state, ...forBuyer(e.what) })),
});
