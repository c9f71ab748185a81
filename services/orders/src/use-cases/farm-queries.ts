import type { Money } from '@ftt/contracts';
import { DomainError, requireFarm, type FarmPermission, type PageRequest, type Principal } from '@ftt/kit';
import { farmShareOfProduce } from '../domain/money';
import type { Order, OrderState } from '../domain/order';
import type { Deps } from './context';
import type { FarmMoneyRow } from './ports';

/** A member of the farm (as catalog last announced it) whose role may (the permission table), or an operator. */
const assertFarmer = async (deps: Deps, viewer: Principal, farmId: string, permission: FarmPermission) => {
  const farm = await deps.listings.farm(farmId);
  if (!farm) throw new DomainError('farm.not_found', `no farm ${farmId}`);
  requireFarm(viewer, farmId, permission);
  return farm;
};

/** Paid orders are the ones a farm packs; cancelled and refunded ones stay visible so nothing is packed in vain. */
export const FARM_ORDER_STATES: readonly OrderState[] = ['confirmed', 'completed', 'cancelled', 'refunded'];

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
 * Totals per currency over the farm's whole history (the database sums them): paid transfers, and pending, which is
 * both payouts not yet transferred and what confirmed orders will pay once delivered (what each order promised).
 */
export const farmTotals = (rows: FarmMoneyRow[]) => {
  const by = new Map<string, { gross: number; platformFee: number; paid: number; pending: number; transfers: number }>();
  for (const r of rows) {
    const t = by.get(r.currency) ?? { gross: 0, platformFee: 0, paid: 0, pending: 0, transfers: 0 };
    if (r.payoutStatus) {
      t.gross += r.payoutGross;
      t.platformFee += r.payoutFee;
      if (r.payoutStatus === 'paid') {
        t.paid += r.payoutAmount;
        t.transfers += r.count;
      } else t.pending += r.payoutAmount;
    } else if (r.state === 'confirmed') {
      t.gross += r.goods;
      t.platformFee += r.platformFee;
      t.pending += r.farmerReceives;
    } // completed without a payout: a part that paid nothing
    by.set(r.currency, t);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, t]) => ({
      currency,
      gross: money(t.gross, currency),
      platformFee: money(t.platformFee, currency),
      paid: money(t.paid, currency),
      pending: money(t.pending, currency),
      transfers: t.transfers,
      farmShareOfProducePercent: farmShareOfProduce(t.paid + t.pending, t.gross),
    }));
};

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

/** The farm's payout totals over its whole history, summed by the database (its cost follows the farm's history). */
export const farmPayoutTotals = async (deps: Deps, viewer: Principal, farmId: string) => {
  await assertFarmer(deps, viewer, farmId, 'payouts.read');
  return { farmId, totals: farmTotals(await deps.orders.farmMoney(farmId)) };
};
