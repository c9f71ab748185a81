import type { Money } from '@ftt/contracts';
import { assertOwner, DomainError, isDomainErrorWith, type Loaded, type Principal } from '@ftt/kit';
import { farmShareOfProduce } from '../domain/money';
import type { Order, OrderState } from '../domain/order';
import type { Deps } from './context';

/**
 * The order as stored (state and version), for its buyer or an admin; anyone else learns nothing, not even that the
 * order exists (404, not 403).
 */
export const loadVisible = async (deps: Deps, viewer: Principal, orderId: string): Promise<Loaded<Order>> => {
  const notFound = () => new DomainError('order.not_found', `no order ${orderId}`);
  const loaded = await deps.orders.load(orderId);
  if (!loaded) throw notFound();
  try {
    assertOwner(viewer, loaded.state.buyerId, 'order');
  } catch (err) {
    throw isDomainErrorWith(err, 'forbidden') ? notFound() : err;
  }
  return loaded;
};

export const loadVisibleOrder = async (deps: Deps, viewer: Principal, orderId: string): Promise<Order> =>
  (await loadVisible(deps, viewer, orderId)).state;

export const getOrder = (deps: Deps, viewer: Principal, orderId: string) => loadVisibleOrder(deps, viewer, orderId);

export const listMyOrders = (deps: Deps, viewer: Principal) => deps.orders.listByBuyer(viewer.userId);

/** The farmer who farms it (as catalog last announced it), or an admin. */
const assertFarmer = async (deps: Deps, viewer: Principal, farmId: string) => {
  const farm = await deps.listings.farm(farmId);
  if (!farm) throw new DomainError('farm.not_found', `no farm ${farmId}`);
  assertOwner(viewer, farm.farmerId, 'farm');
  return farm;
};

/** Paid orders are the ones a farm packs; cancelled and refunded ones stay visible so nothing is packed in vain. */
export const FARM_ORDER_STATES: readonly OrderState[] = ['confirmed', 'completed', 'cancelled', 'refunded'];

export interface PackingLine {
  listingId: string;
  title: string;
  unit: string;
  lotCode: string;
  quantity: number;
}

/** Summed per lot: what is packed is what is traced. */
const addTo = (into: Map<string, PackingLine>, l: PackingLine) => {
  const key = `${l.listingId}|${l.lotCode}`;
  const prev = into.get(key);
  into.set(key, prev ? { ...prev, quantity: prev.quantity + l.quantity } : { ...l });
};

/**
 * One farm's view of its orders: its own lines only, and what is still to pack, summed per lot. With a delivery
 * day, only that day's orders (the packing list of the day).
 */
export const farmOrders = async (deps: Deps, viewer: Principal, farmId: string, state?: OrderState, day?: string) => {
  const farm = await assertFarmer(deps, viewer, farmId);
  const states = state ? [state] : FARM_ORDER_STATES;
  const orders = day ? await deps.orders.listByFarmDay(farmId, day, states) : await deps.orders.listByFarm(farmId, states);
  const toPack = new Map<string, PackingLine>();
  const list = orders.map((o) => {
    const part = o.farms.find((f) => f.farmId === farmId)!;
    const lines = o.lines
      .filter((l) => l.farmId === farmId)
      .map((l) => ({ listingId: l.listingId, title: l.title, unit: l.unit, lotCode: l.lotCode, quantity: l.quantity }));
    const packNow = o.state === 'confirmed' && !part.pickedUpAt;
    if (packNow) lines.forEach((l) => addTo(toPack, l));
    return {
      orderId: o.orderId,
      // the name the box is labelled with: one buyer's two boxes are told apart by the order, never by a hash alone
      buyerName: o.dropoff.contactName,
      state: o.state,
      placedAt: o.placedAt,
      deliveryDay: o.delivery?.day,
      drop: o.delivery && (o.delivery.drop.kind === 'pickup_point' ? o.delivery.drop.name : `home, ${o.dropoff.address.city}`),
      toPack: packNow,
      pickedUpAt: part.pickedUpAt,
      deliveredAt: part.deliveredAt,
      lines,
      goods: part.goods,
      farmerReceives: part.farmerReceives,
    };
  });
  return { farmId, farmName: farm.farmName, region: farm.region, ...(day ? { day } : {}), packing: [...toPack.values()], orders: list };
};

const add = (a: Money | undefined, b: Money): Money => ({ amount: (a?.amount ?? 0) + b.amount, currency: b.currency });

/** A farm's payouts: one per completed order, with totals per currency. */
export const farmPayouts = async (deps: Deps, viewer: Principal, farmId: string) => {
  await assertFarmer(deps, viewer, farmId);
  const orders: Order[] = await deps.orders.listByFarm(farmId, ['completed']);
  const payouts = orders.flatMap((o) => {
    const p = o.farms.find((f) => f.farmId === farmId)?.payout;
    return p
      ? [{ orderId: o.orderId, placedAt: o.placedAt, status: p.status, transferId: p.transferId, destination: p.destination, gross: p.gross, platformFee: p.platformFee, amount: p.amount, paidAt: p.paidAt }]
      : [];
  });
  const totals = new Map<string, { currency: string; gross?: Money; platformFee?: Money; paid?: Money; pending?: Money; transfers: number }>();
  for (const p of payouts) {
    const t = totals.get(p.amount.currency) ?? { currency: p.amount.currency, transfers: 0 };
    t.gross = add(t.gross, p.gross);
    t.platformFee = add(t.platformFee, p.platformFee);
    if (p.status === 'paid') {
      t.paid = add(t.paid, p.amount);
      t.transfers++;
    } else t.pending = add(t.pending, p.amount);
    totals.set(t.currency, t);
  }
  const zero = (c: string): Money => ({ amount: 0, currency: c });
  return {
    farmId,
    payouts,
    totals: [...totals.values()].map((t) => ({
      currency: t.currency,
      gross: t.gross ?? zero(t.currency),
      platformFee: t.platformFee ?? zero(t.currency),
      paid: t.paid ?? zero(t.currency),
      pending: t.pending ?? zero(t.currency),
      transfers: t.transfers,
      farmShareOfProducePercent: farmShareOfProduce((t.paid?.amount ?? 0) + (t.pending?.amount ?? 0), t.gross?.amount ?? 0),
    })),
  };
};
