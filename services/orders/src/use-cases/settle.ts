import { isDomainErrorWith } from '../domain/errors';
import type { Order } from '../domain/order';
import { payoutFailed, pendingWork, recordPayout, recordRefund, refundFailed } from '../domain/settlement';
import { idempotencyKeys } from '../payments/payment-provider';
import { changeOrder, type Deps } from './context';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/** Record an outcome unless another instance recorded one first (then the work is no longer pending). */
const recordIf = async (deps: Deps, orderId: string, stillPending: (o: Order) => boolean, decide: Parameters<typeof changeOrder>[2]) => {
  try {
    await changeOrder(deps, orderId, (o, now) => (stillPending(o) ? decide(o, now) : null));
  } catch (err) {
    if (!isDomainErrorWith(err, 'invalid_transition')) throw err;
  }
};

const refundPending = (o: Order) => pendingWork(o).refund;
const payoutPending = (farmId: string) => (o: Order) => pendingWork(o).payoutFarmIds.includes(farmId);

/**
 * Does the provider work an order owes: the buyer's refund, the farmers' transfers. Called right
 * after the write that created the work, and again by the sweeper for anything left (a failed call,
 * a crash between the provider call and its record). The provider's idempotency keys make a repeated
 * call return the first result, and each result is recorded, with its event, exactly once.
 */
export const settle = (deps: Deps, orderId: string): Promise<void> => {
  // One settlement per order at a time in this process: the sweeper joins the request path's
  // attempt instead of racing it (other instances may still race; the idempotency keys cover that).
  const running = inFlight(deps);
  const current = running.get(orderId);
  if (current) return current;
  const attempt = settleOnce(deps, orderId).finally(() => running.delete(orderId));
  running.set(orderId, attempt);
  return attempt;
};

const inFlightByDeps = new WeakMap<Deps, Map<string, Promise<void>>>();
const inFlight = (deps: Deps) => {
  let m = inFlightByDeps.get(deps);
  if (!m) inFlightByDeps.set(deps, (m = new Map()));
  return m;
};

const settleOnce = async (deps: Deps, orderId: string): Promise<void> => {
  const loaded = await deps.orders.load(orderId);
  if (!loaded) return;
  const { order } = loaded;
  const work = pendingWork(order);
  const { settings: s, provider, log } = deps;

  if (work.refund && order.payment) {
    try {
      const { refundId } = await provider.refund({
        orderId,
        paymentId: order.payment.paymentId,
        amount: order.refund!.amount,
        idempotencyKey: idempotencyKeys.refund(orderId),
      });
      await recordIf(deps, orderId, refundPending, (o, now) => recordRefund(o, refundId, s, now));
      log.info({ orderId, refundId }, 'payment refunded');
    } catch (err) {
      log.warn({ orderId, err: message(err) }, 'refund failed; will retry');
      await recordIf(deps, orderId, refundPending, (o, now) => refundFailed(o, message(err), s, now));
    }
  }

  for (const farmId of work.payoutFarmIds) {
    const payout = order.farms.find((f) => f.farmId === farmId)!.payout!;
    try {
      // A farm may connect its payout account after the order was placed: catalog's latest word counts.
      const destination = payout.destination ?? (await deps.listings.farm(farmId))?.payoutAccountId;
      if (!destination) throw new Error(`farm ${farmId} has no payout account yet`);
      const { transferId } = await provider.transfer({
        orderId,
        farmId,
        amount: payout.amount,
        destination,
        idempotencyKey: idempotencyKeys.transfer(orderId, farmId),
      });
      deps.fault('crash-after-transfer');
      await recordIf(deps, orderId, payoutPending(farmId), (o, now) => recordPayout(o, farmId, { transferId, destination }, s, now));
      log.info({ orderId, farmId, transferId }, 'farmer paid');
    } catch (err) {
      log.warn({ orderId, farmId, err: message(err) }, 'payout failed; will retry');
      await recordIf(deps, orderId, payoutPending(farmId), (o, now) => payoutFailed(o, farmId, message(err), s, now));
    }
  }
};

/** Run settle when a change left provider work behind; a failure here is the sweeper's to retry. */
export const settleIfOwed = async (deps: Deps, order: Order | undefined): Promise<void> => {
  if (!order) return;
  const w = pendingWork(order);
  if (w.refund || w.payoutFarmIds.length) await settle(deps, order.orderId);
};
