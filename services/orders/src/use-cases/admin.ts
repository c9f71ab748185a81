import { AuditLog, DomainError, type AuditEntry, type Principal } from '@ftt/kit';
import { operatorRefundFailed, recordOperatorRefund, refundable, requestOperatorRefund } from '../domain/operator-refund';
import { isEnd, ORDER_STATES, type Order, type OrderState, type TimelineEntry } from '../domain/order';
import { onOrder, type Context } from './context';
import type { AdminOrderFilter, OrderAdminStore } from './ports-admin';

/** What the operators' use cases need besides the order context: their reads and the audit trail. */
export interface AdminDeps {
  ctx: Context;
  admin: OrderAdminStore;
  audit: AuditLog;
}

export const NON_TERMINAL_STATES: readonly OrderState[] = ORDER_STATES.filter((s) => !isEnd(s));

export const searchOrders = (d: AdminDeps, f: AdminOrderFilter) => d.admin.search(f);

/** Orders in a state that is not an end, unchanged for longer than `olderThanMinutes`: the oldest first. */
export const stuckOrders = (
  d: AdminDeps,
  q: { olderThanMinutes: number; state?: OrderState | undefined; cursor?: string | undefined; limit: number },
) => {
  if (q.state && isEnd(q.state)) {
    throw new DomainError('query.invalid', `${q.state} is an end state: an order there is not stuck`, [
      { field: 'query.state', message: `one of ${NON_TERMINAL_STATES.join(', ')}` },
    ]);
  }
  const before = new Date(d.ctx.clock().getTime() - q.olderThanMinutes * 60_000).toISOString();
  return d.admin.stuck({ states: q.state ? [q.state] : NON_TERMINAL_STATES, before, cursor: q.cursor, limit: q.limit });
};

const loadOrder = async (d: AdminDeps, orderId: string): Promise<Order> => {
  const loaded = await d.ctx.orders.load(orderId);
  if (!loaded) throw new DomainError('order.not_found', `no order ${orderId}`);
  return loaded.state;
};

const traceIdOf = (traceparent: string | undefined) => traceparent?.split('-')[1];

export interface SagaEntry {
  service: 'orders';
  at: string;
  type: string;
  state?: OrderState | undefined;
  detail: string;
  who: string;
  traceId?: string | undefined;
}

/** Who made a timeline step happen, for operators (entries stored before kinds existed are read from their words). */
const whoActed = (e: TimelineEntry, buyerId: string, first: boolean): string => {
  const w = e.what;
  if (first || w?.kind === 'placed') return `buyer ${buyerId}`;
  if (w?.kind === 'operator_refund_requested') return `operator ${w.by}`;
  if (w?.kind === 'cancelled' || w?.kind === 'cancel_requested') {
    return w.by === 'buyer' ? `buyer ${buyerId}` : w.by === 'admin' ? 'operator' : 'system';
  }
  if (w) return 'system';
  return /by the buyer/.test(e.cause) ? `buyer ${buyerId}` : /by an? (operator|admin)/.test(e.cause) ? 'operator' : 'system';
};

/** orders' part of the saga timeline: its own entries, and the operators' actions from the audit trail. */
export const orderSaga = async (d: AdminDeps, orderId: string) => {
  const order = await loadOrder(d, orderId);
  const traceId = traceIdOf(order.traceparent);
  const own: SagaEntry[] = order.timeline.map((e, i) => ({
    service: 'orders',
    at: e.at,
    // An entry in the same state as the one before is a note (a failed payment attempt, a pickup, a refund), not a move.
    type: i === 0 ? 'order.placed' : e.state === order.timeline[i - 1]!.state ? 'order.noted' : `order.${e.state}`,
    state: e.state,
    detail: e.cause,
    who: whoActed(e, order.buyerId, i === 0),
    traceId,
  }));
  const audit: AuditEntry[] = (await d.audit.list({ target: { type: 'order', id: orderId }, limit: 100 })).items;
  const actions: SagaEntry[] = audit.map((a) => ({
    service: 'orders',
    at: a.at,
    type: `admin.${a.action}`,
    detail: a.reason ?? a.action,
    who: `operator ${a.actor.userId}`,
  }));
  const entries = [...own, ...actions].sort((a, b) => a.at.localeCompare(b.at));
  return { order, refundable: refundable(order), traceId, entries, audit };
};

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/**
 * An operator's refund, through the same payment port as the saga's (Stripe or the simulated provider):
 * recorded as owed, sent with a key derived from it (a repeat refunds once), then recorded with
 * payment.refunded. Audited, whatever the provider answered.
 */
export const refundOrder = async (
  d: AdminDeps,
  actor: Principal,
  orderId: string,
  input: { amountMinor?: number | undefined; reason: string },
): Promise<Order> => {
  await loadOrder(d, orderId);
  const { ctx } = d;
  const asked = await ctx.handleOrder(
    orderId,
    onOrder(orderId, (o, now) => requestOperatorRefund(o, { ...input, by: actor.userId }, now)),
  );
  const order = asked.state!;
  const pending = order.operatorRefunds!.at(-1)!;
  try {
    const { refundId } = await ctx.provider.refund({
      orderId,
      paymentId: order.payment!.paymentId,
      amount: pending.amount,
      idempotencyKey: `re-${orderId}-${pending.id}`,
    });
    // the audit entry rides in the write that records the refund: none without its entry, even after a crash
    const audit = AuditLog.entry(actor, {
      action: 'order.refund',
      target: { type: 'order', id: orderId },
      reason: input.reason,
      details: { amount: pending.amount, refundId, provider: ctx.provider.name },
    });
    const done = await ctx.handleOrder(
      orderId,
      onOrder(orderId, (o, now) => recordOperatorRefund(o, { id: pending.id, refundId }, now)),
      { audit },
    );
    await ctx.orders.settleAudit(d.audit, orderId);
    ctx.log.info({ orderId, refundId }, 'operator refund made');
    return done.state!;
  } catch (err) {
    if (err instanceof DomainError) throw err;
    const audit = AuditLog.entry(actor, {
      action: 'order.refund_failed',
      target: { type: 'order', id: orderId },
      reason: input.reason,
      details: { amount: pending.amount, error: message(err), provider: ctx.provider.name },
    });
    await ctx.handleOrder(orderId, onOrder(orderId, (o, now) => operatorRefundFailed(o, { id: pending.id, error: message(err) }, now)), { audit });
    await ctx.orders.settleAudit(d.audit, orderId);
    ctx.log.warn({ orderId, err: message(err) }, 'operator refund failed');
    throw new DomainError('payment.unavailable', `the payment provider did not refund: ${message(err)}`);
  }
};
