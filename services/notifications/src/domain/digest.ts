import type { DataOf, NoticeData } from './notice';

export interface DayGroup<T> {
  /** ISO date, or null for orders without a planned delivery day. */
  day: string | null;
  items: T[];
}

/**
 * A farmer's new orders by delivery day (earliest first, unscheduled last), each day's orders in the order
 * they came in. The events carry no delivery day yet (order.confirmed's optional deliveryDate is not filled by
 * orders), so today every digest has one group: "not scheduled yet".
 */
export const groupByDeliveryDay = (items: DataOf<'new_orders'>[]): DayGroup<DataOf<'new_orders'>>[] => {
  const byDay = new Map<string | null, DataOf<'new_orders'>[]>();
  for (const item of items) {
    const day = item.deliveryDate ?? null;
    const list = byDay.get(day) ?? [];
    // A redelivered notice is stored once, but a digest must never list one order twice for a farm.
    if (!list.some((x) => x.orderId === item.orderId && x.farmId === item.farmId)) list.push(item);
    byDay.set(day, list);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([day, list]) => ({ day, items: list }));
};

/**
 * The partners' digest of open shipments as it is written: only the shipments still open to claim (a box claimed or
 * delivered since it was batched is left out), each with its farm's name when known.
 */
export const stillOpen = (
  items: DataOf<'shipments_open'>[],
  taken: (orderId: string) => readonly string[],
  farmName: (farmId: string) => string | undefined,
): DataOf<'shipments_open'>[] =>
  items
    .filter((s) => !taken(s.orderId).includes(s.shipmentId))
    .map((s) => {
      const name = farmName(s.farmId);
      return name ? { ...s, farmName: name } : s;
    });

/** Open boxes by farm and region, for the digest's lines ("2 boxes from Kippenhof Visser, Gelderland"). */
export const openByFarm = (items: DataOf<'shipments_open'>[]) => {
  const groups = new Map<string, { farmName: string | undefined; region: string; count: number }>();
  for (const s of items) {
    const key = `${s.farmId}|${s.region}`;
    const g = groups.get(key) ?? { farmName: s.farmName, region: s.region, count: 0 };
    g.count += 1;
    groups.set(key, g);
  }
  return [...groups.values()];
};

/** Digest items of one kind, oldest first, each event once (by its identifying fields). */
export const uniqueItems = (items: NoticeData[]): NoticeData[] => {
  const seen = new Set<string>();
  return items.filter((d) => {
    const key = JSON.stringify(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
