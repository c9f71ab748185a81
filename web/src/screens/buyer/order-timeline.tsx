import type { Order, TimelineEntry } from '../../api/types';
import { Price, StatusBadge } from '../../components/bits';
import { Timeline } from '../../components/timeline';
import { formatMoney } from '../../lib/format';
import { t } from '../../i18n';

/**
 * The order's timeline in the buyer's words. The service sends each step as a kind plus parameters (a farm, an amount,
 * who cancelled); the words live here, so nothing the service writes for its operators reaches the buyer.
 */
const WORDS: { [K in TimelineEntry['kind']]: (e: TimelineEntry, farm: string, amount: string) => string } = {
  placed: () => 'Order placed',
  awaiting_payment: () => 'Your produce is reserved; waiting for your payment',
  stock_rejected: () => 'A farm could not reserve everything you ordered; nothing was charged',
  expired: (e) =>
    e.why === 'payment_timeout' ? 'Not paid in time; the order was cancelled' : 'The reservation ran out; the order was cancelled',
  paid: () => 'Payment received',
  payment_failed: () => 'A payment attempt failed',
  paid_late: () => 'A late payment arrived; it is being refunded',
  cancel_requested: (e) => (e.by === 'you' ? 'You asked to cancel' : 'Our support team asked to cancel'),
  cancel_refused: () => 'Could not cancel: a box had already left the farm',
  cancelled: (e) =>
    e.by === 'you' ? 'Cancelled by you' : e.by === 'support' ? 'Cancelled by our support team' : 'Cancelled',
  picked_up: (_e, farm) => `Picked up at ${farm}`,
  delivered: (_e, farm) => `Box from ${farm} delivered`,
  returned: (_e, farm) => `Box from ${farm} went back to the farm`,
  all_returned: () => 'Every box went back to its farm; your payment is refunded',
  completed: () => 'Delivered',
  refunded: (_e, _f, amount) => (amount ? `${amount} refunded to you` : 'Your payment was refunded'),
  farmer_paid: (_e, farm) => `The farmer of ${farm} was paid`,
  operator_refund_requested: (_e, _f, amount) => `Our support team is refunding ${amount} to you`,
  operator_refund_made: (_e, _f, amount) => `${amount} refunded to you`,
  operator_refund_failed: () => 'A refund could not be made yet; our support team will try again',
  updated: () => 'Order updated',
};

export const timelineText = (e: TimelineEntry, order: Pick<Order, 'farms'>): string => {
  const farm = order.farms.find((f) => f.farmId === e.farmId)?.farmName ?? 'the farm';
  return WORDS[e.kind](e, farm, e.amount ? formatMoney(e.amount) : '');
};

export const OrderTimeline = ({ order }: { order: Order }) => (
  <section className="card" aria-labelledby="timeline-h">
    <h2 id="timeline-h">{t('timeline.title')}</h2>
    <Timeline items={order.timeline} at={(e) => e.at}>
      {(e) => (
        <>
          <StatusBadge status={e.state} />
          {/* worded by timelineText above (its catalog keys come with the typed timeline) */}
          <span className="muted small" data-i18n-later>
            {timelineText(e, order)}
          </span>
        </>
      )}
    </Timeline>
  </section>
);

/** After a refund: what was paid, what came back (or is on its way) and what the buyer paid in the end. */
export const RefundSummary = ({ refunds }: { refunds: Order['refunds'] }) =>
  refunds ? (
    <dl className="facts refund-summary" aria-label={t('refund.aria')}>
      <dt>{t('refund.refunded')}</dt>
      <dd>
        <Price money={refunds.refunded} />
      </dd>
      {refunds.refunding.amount > 0 ? (
        <>
          <dt>{t('refund.onItsWay')}</dt>
          <dd>
            <Price money={refunds.refunding} />
          </dd>
        </>
      ) : null}
      <dt>{t('refund.paidInTheEnd')}</dt>
      <dd>
        <strong>
          <Price money={refunds.paidInTheEnd} />
        </strong>
      </dd>
    </dl>
  ) : null;
