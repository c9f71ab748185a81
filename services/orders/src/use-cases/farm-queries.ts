import type { Money } from '@ftt/contracts';
import { DomainError, requireFarm, type AuditLog, type FarmPermission, type PageRequest, type Principal } from '@ftt/kit';
import { farmShareOfProduce } from '../domain/money';
import { FARM_ORDER_STATES, type Order, type OrderState } from '../domain/order';
import type { Deps } from './context';
import type { MoneyTotal } from './ports';

/** A member of the farm (as catalog last announced it) whose role may (the permission table), or an operator. */
export const assertFarmer = async (deps: Deps, viewer: Principal, farmId: string, permission: FarmPermission) => {
  const farm = await deps.listings.farm(farmId);
  if (!farm) throw new DomainError('farm.not_found', `no farm ${farmId}`);
  requireFarm(viewer, farmId, permission);
  return farm;
};

export { FARM_ORDER_STATES };

/** One order as its farm sees it: its own lines only, and whether it is still to pack. */
const farmOrderView = (farmId: string) => (o: Order) => {
  const part = o.farms.find((f) => f.farmId === farmId)!;
  return {
    orderId: o.orderId,
    // the name the box is labelled with: one buyer's two boxes are told apart by the order, never by a hash alone
    buyerName: o.dropoff.contactName,
    state: o.state,
    placedAt: o.placedAt,
    deliveryDay: o.delivery?.day,
    drop: o.delivery && (o.delivery.drop.kind === 'pickup_point' ? o.delivery.drop.name : `home, ${o.dropoff.address.city}`),
    toPack: o.state === 'confirmed' && !part.pickedUpAt,
    pickedUpAt: part.pickedUpAt,
    deliveredAt: part.deliveredAt,
    lines: o.lines
      .filter((l) => l.farmId === farmId)
      .map((l) => ({ listingId: l.listingId, title: l.title, unit: l.unit, lotCode: l.lotCode, quantity: l.quantity })),
    goods: part.goods,
    farmerReceives: part.farmerReceives,
  };
};

/**
 * One farm's orders, newest first, a page at a time; with a delivery day, only that day's. `packing` is what is
 * still to pack (of that day), summed per lot by the database over every such order, not over the page; it comes
 * with the first page only (a next page does not sum the farm's history again).
 */
export const farmOrders = async (
  deps: Deps,
  viewer: Principal,
  farmId: string,
  q: { state?: OrderState | undefined; day?: string | undefined } & PageRequest,
) => {
  const farm = await assertFarmer(deps, viewer, farmId, 'packing.read');
  const states = q.state ? [q.state] : FARM_ORDER_STATES;
  const [page, packing] = await Promise.all([
    deps.orders.pageByFarm(farmId, { states, day: q.day }, q),
    q.cursor ? undefined : deps.orders.farmPacking(farmId, q.day),
  ]);
  return { farmId, farmName: farm.farmName, region: farm.region, ...(q.day ? { day: q.day } : {}), ...(packing ? { packing } : {}), items: page.items.map(farmOrderView(farmId)), nextCursor: page.nextCursor };
};

/** The packing list of one delivery day (bounded by the day): every order still to pack, and the sums per lot. */
export const packingList = async (deps: Deps, viewer: Principal, farmId: string, day: string) => {
  const farm = await assertFarmer(deps, viewer, farmId, 'packing.read');
  const [orders, lines] = await Promise.all([deps.orders.listByFarmDay(farmId, day, ['confirmed']), deps.orders.farmPacking(farmId, day)]);
  return { farmName: farm.farmName, lines, orders: orders.map(farmOrderView(farmId)).filter((o) => o.toPack) };
};

const money = (amount: number, currency: string): Money => ({ amount, currency });

/**
 * Totals per currency over the farm's whole history: paid transfers, and pending, which is both payouts not yet
 * transferred and what confirmed orders will pay once delivered (what each order promised). Kept running with each
 * order write (data/farm-money-repo.ts), so reading them costs the same at any history.
 */
export const farmTotals = (totals: MoneyTotal[]) =>
  [...totals]
    .sort((a, b) => a.currency.localeCompare(b.currency))
    .map((t) => ({
      currency: t.currency,
      gross: money(t.gross, t.currency),
      platformFee: money(t.platformFee, t.currency),
      paid: money(t.paid, t.currency),
      pending: money(t.pending, t.currency),
      transfers: t.transfers,
      farmShareOfProducePercent: farmShareOfProduce(t.paid + t.pending, t.gross),
    }));

/** A farm's payouts (one per completed order), newest first, a page at a time: the same cost at any depth. */
export const farmPayouts = async (deps: Deps, viewer: Principal, farmId: string, page: PageRequest) => {
  await assertFarmer(deps, viewer, farmId, 'payouts.read');
  const orders = await deps.orders.pageCompletedByFarm(farmId, page);
  const items = orders.items.flatMap((o) => {
    const p = o.farms.find((f) => f.farmId === farmId)?.payout;
    return p
      ? [{ orderId: o.orderId, placedAt: o.placedAt, status: p.status, transferId: p.transferId, destination: p.destination, gross: p.gross, platformFee: p.platformFee, amount: p.amount, paidAt: p.paidAt }]
      : [];
  });
  return { farmId, items, nextCursor: orders.nextCursor };
};

/** The farm's payout totals over its whole history: its running totals (a few small documents, whatever its history). */
export const farmPayoutTotals = async (deps: Deps, viewer: Principal, farmId: string) => {
  await assertFarmer(deps, viewer, farmId, 'payouts.read');
  return { farmId, totals: farmTotals(await deps.orders.farmMoney(farmId)) };
};

/**
 * An operator recomputes a farm's running totals from its orders (a sum over its whole history: seconds for a big
 * farm) and sets them when they differ: the reconciliation path of the running totals (docs/design.md).
 */
export const reconcileFarmTotals = async (deps: Deps, audit: AuditLog, viewer: Principal, farmId: string, reason: string) => {
  const farm = await deps.listings.farm(farmId);
  if (!farm) throw new DomainError('farm.not_found', `no farm ${farmId}`);
  // Recorded before the action, as every operator action without a document of its own to ride in.
  await audit.record(viewer, { action: 'farm.payout_totals.reconcile', target: { type: 'farm', id: farmId }, reason });
  const r = await deps.orders.reconcileFarmMoney(farmId);
  return { farmId, changed: r.changed, before: farmTotals(r.before), after: farmTotals(r.after) };
};
