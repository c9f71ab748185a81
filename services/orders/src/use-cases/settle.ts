import type { CommandResult } from '@ftt/kit';
import type { Order, OrderOutcome } from '../domain/order';
import { payoutFailed, pendingWork, recordPayout, recordRefund, refundFailed } from '../domain/settlement';
import { onOrder, type Context } from './context';
import { idempotencyKeys } from './ports';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/** Record a provider's result; when another instance recorded one first, the work is no longer owed and it is ignored. */
const record = (ctx: Context, orderId: string, decide: (o: Order, now: Date) => OrderOutcome) =>
  ctx.handleOrder(orderId, onOrder(orderId, decide));

/**
 * Does the provider work an order owes: the buyer's refund, the farmers' transfers. Called right
 * after the write that created the work, and again by the sweeper for anything left (a failed call,
 * a crash between the provider call and its record). The provider's idempotency keys make a repeated
 * call return the first result, and each result is recorded, with its event, exactly once.
 */
export const settle = (ctx: Context, orderId: string, held?: Order): Promise<void> => {
  // One settlement per order at a time in this process: the sweeper joins the request path's
  // attempt instead of racing it (other instances may still race; the idempotency keys cover that).
  const running = inFlight(ctx);
  const current = running.get(orderId);
  if (current) return current;
  const attempt = settleOnce(ctx, orderId, held).finally(() => running.delete(orderId));
  running.set(orderId, attempt);
  return attempt;
};

const inFlightByContext = new WeakMap<Context, Map<string, Promise<void>>>();
const inFlight = (ctx: Context) => {
  let m = inFlightByContext.get(ctx);
  if (!m) inFlightByContext.set(ctx, (m = new Map()));
  return m;
};

/** `held`: the order as the caller has just written it (the sweeper, holding only the id, has it loaded). */
const settleOnce = async (ctx: Context, orderId: string, held?: Order): Promise<void> => {
  const order = held ?? (await ctx.orders.load(orderId))?.state;
  if (!order) return;
  const work = pendingWork(order);
  const { settings: s, provider, log } = ctx;

  if (work.refund && order.payment) {
    try {
      const { refundId } = await provider.refund({
        orderId,
        paymentId: order.payment.paymentId,
        amount: order.refund!.amount,
        idempotencyKey: idempotencyKeys.refund(orderId),
      });
      await record(ctx, orderId, (o, now) => recordRefund(o, { refundId, settings: s }, now));
      log.info({ orderId, refundId }, 'payment refunded');
    } catch (err) {
      log.warn({ orderId, err: message(err) }, 'refund failed; will retry');
      await record(ctx, orderId, (o, now) => refundFailed(o, { error: message(err), settings: s }, now));
    }
  }

  for (const farmId of work.payoutFarmIds) {
    const payout = order.farms.find((f) => f.farmId === farmId)!.payout!;
    try {
      // A farm may connect its payout account after the order was placed: catalog's latest word counts.
      const destination = payout.destination ?? (await ctx.listings.farm(farmId))?.payoutAccountId;
      if (!destination) throw new Error(`farm ${farmId} has no payout account yet`);
      const { transferId } = await provider.transfer({
        orderId,
        farmId,
        amount: payout.amount,
        destination,
        idempotencyKey: idempotencyKeys.transfer(orderId, farmId),
      });
      ctx.fault('crash-after-transfer');
      await record(ctx, orderId, (o, now) => recordPayout(o, { farmId, transferId, destination, settings: s }, now));
      log.info({ orderId, farmId, transferId }, 'farmer paid');
    } catch (err) {
      log.warn({ orderId, farmId, err: message(err) }, 'payout failed; will retry');
      await record(ctx, orderId, (o, now) => payoutFailed(o, { farmId, error: message(err), settings: s }, now));
    }
  }
};

/** Run settle when a change left provider work behind; a failure here is the sweeper's to retry. */
export const settleIfOwed = async (ctx: Context, order: Order | null): Promise<void> => {
  if (!order) return;
  const w = pendingWork(order);
  if (w.refund || w.payoutFarmIds.length) await settle(ctx, order.orderId, order);
};

/** The result of a change, once the provider work the change left behind (a refund, payouts) was attempted. */
export const settledAfter = async (ctx: Context, done: CommandResult<Order>): Promise<CommandResult<Order>> => {
  if (done.result === 'written') await settleIfOwed(ctx, done.state);
  return done;
};
