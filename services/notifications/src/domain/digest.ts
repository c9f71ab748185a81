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
