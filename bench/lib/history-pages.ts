import { cursorAt } from '../../packages/kit/src/mongo/page';

/**
 * The history-facing lists the history bench times, each as its first page and as a deep page (issue #27: cursor
 * paging). A deep page starts at a cursor half a year back (the seeded history spans 2 to 365 days), so on the
 * seeded store it is a full page read from the middle of about a hundred thousand orders; on the empty store the
 * same cursor finds only what little is older. Flat means the page costs the same wherever it starts.
 */
export interface PagedRead {
  name: string;
  url: string;
  bearer: string | undefined;
  /** The items of one reply (every paged list answers `{ items, nextCursor }`). */
  items: (body: unknown) => number;
}

const itemsOf = (b: unknown) => ((b as { items?: unknown[] } | undefined)?.items ?? []).length;
/** After every document of that time: the cursor's id sorts after every UUID and hex id. */
const halfAYearBack = (now: number) => cursorAt(new Date(now - 182 * 86_400_000).toISOString(), '~');

export const pagedReads = (o: {
  ordersUrl: string;
  logisticsUrl: string;
  farmId: string;
  farmerBearer: string;
  partnerBearer: string;
  now?: number;
}): PagedRead[] => {
  const deep = encodeURIComponent(halfAYearBack(o.now ?? Date.now()));
  const read = (name: string, url: string, bearer: string): PagedRead => ({ name, url, bearer, items: itemsOf });
  const farm = `${o.ordersUrl}/farms/${encodeURIComponent(o.farmId)}`;
  return [
    read('GET /farms/:farmId/orders first page', `${farm}/orders`, o.farmerBearer),
    read('GET /farms/:farmId/orders deep page', `${farm}/orders?cursor=${deep}`, o.farmerBearer),
    read('GET /farms/:farmId/payouts first page', `${farm}/payouts`, o.farmerBearer),
    read('GET /farms/:farmId/payouts deep page', `${farm}/payouts?cursor=${deep}`, o.farmerBearer),
    // Not a page: the totals over the farm's whole history (running totals kept with each order write since issue #27).
    {
      name: 'GET /farms/:farmId/payouts/totals (whole history)',
      url: `${farm}/payouts/totals`,
      bearer: o.farmerBearer,
      items: (b) => ((b as { totals?: unknown[] } | undefined)?.totals ?? []).length,
    },
    read('GET /shipments/mine first page', `${o.logisticsUrl}/shipments/mine`, o.partnerBearer),
    read('GET /shipments/mine deep page', `${o.logisticsUrl}/shipments/mine?cursor=${deep}`, o.partnerBearer),
    read('GET /shipments/mine/history first page', `${o.logisticsUrl}/shipments/mine/history`, o.partnerBearer),
    read('GET /shipments/mine/history deep page', `${o.logisticsUrl}/shipments/mine/history?cursor=${deep}`, o.partnerBearer),
  ];
};
