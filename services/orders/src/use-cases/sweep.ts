import { isDomainErrorWith } from '../domain/errors';
import { expireOrder } from '../domain/lifecycle';
import { changeOrder, type Deps } from './context';
import { settle } from './settle';

/**
 * One pass of the sweeper. Safe with several instances: every change is a conditional write on the
 * order's version, so of two instances expiring the same order one writes and the other re-reads an
 * already expired order and does nothing; provider calls repeat under the same idempotency key.
 */
export const sweep = async (deps: Deps): Promise<{ expired: number; settled: number }> => {
  const nowIso = deps.clock().toISOString();
  let expired = 0;
  for (const orderId of await deps.orders.dueForExpiry(nowIso)) {
    try {
      const change = await changeOrder(deps, orderId, (o, now) =>
        (o.state === 'pending' || o.state === 'awaiting_payment') && o.expiresAt && o.expiresAt <= now.toISOString()
          ? expireOrder(o, 'payment_timeout', now)
          : null,
      );
      if (change?.result === 'written') {
        expired++;
        deps.log.info({ orderId }, 'order expired');
      }
    } catch (err) {
      if (!isDomainErrorWith(err, 'invalid_transition') && !isDomainErrorWith(err, 'conflict')) throw err;
    }
  }
  const due = await deps.orders.dueForFollowUp(nowIso);
  for (const orderId of due) await settle(deps, orderId);
  return { expired, settled: due.length };
};
