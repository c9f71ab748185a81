import { markPickedUp, recordDelivery, returnOrder } from '../domain/lifecycle';
import { changeOrder, type Cause, type Deps } from './context';
import { settleIfOwed } from './settle';

interface ShipmentRef {
  orderId: string;
  farmId: string;
}

export const onPickedUp = (deps: Deps, d: ShipmentRef, cause: Cause) =>
  changeOrder(deps, d.orderId, (o, now) => markPickedUp(o, d.farmId, now), cause);

/** Recorded per farm; the last farm's delivery completes the order and pays every farmer. */
export const onDelivered = async (deps: Deps, d: ShipmentRef, cause: Cause) => {
  const change = await changeOrder(deps, d.orderId, (o, now) => recordDelivery(o, d.farmId, deps.settings, now), cause);
  if (change?.result === 'written') await settleIfOwed(deps, change.order);
  return change;
};

export const onReturned = async (deps: Deps, d: ShipmentRef & { reason: string }, cause: Cause) => {
  const change = await changeOrder(deps, d.orderId, (o, now) => returnOrder(o, d.farmId, d.reason, deps.settings, now), cause);
  if (change?.result === 'written') await settleIfOwed(deps, change.order);
  return change;
};
