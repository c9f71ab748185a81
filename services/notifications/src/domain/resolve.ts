import type { Audience, Notice, NoticeData } from './notice';

/** What the service has learnt from the events about an order (a read model, see data/facts-repo.ts). */
export interface OrderFacts {
  orderId: string;
  buyerId?: string | undefined;
  /** farmId -> tracking code, from shipment.created. */
  trackingCodes?: Record<string, string> | undefined;
}

/** farm -> farmer, from catalog's listing snapshots. */
export interface FarmFacts {
  farmId: string;
  farmerId: string;
  farmName?: string | undefined;
}

export interface ResolveSettings {
  /** How long an order confirmation waits for every farm's tracking code before it is sent without them. */
  trackingWaitMs: number;
  /** How long a notice waits for its audience to become known before it is given up (logged, counted). */
  giveUpMs: number;
  /** First and longest pause between looks at a waiting notice. */
  retryBaseMs: number;
  retryMaxMs: number;
}

export type Readiness =
  /** A single known person (buyer, farmer) or a group to look up (partners of a region, operators). */
  | {
      kind: 'ready';
      to:
        | { userId: string }
        | { group: Exclude<Audience, { kind: 'buyer_of_order' | 'farmer_of_farm' | 'person' }> };
      data: NoticeData;
    }
  | { kind: 'wait'; waitKey: string; retryAt: string; why: string }
  | { kind: 'expire'; why: string };

const waitOrExpire = (
  notice: Notice,
  now: Date,
  s: ResolveSettings,
  waitKey: string,
  why: string,
): Readiness => {
  const age = now.getTime() - Date.parse(notice.createdAt);
  if (age >= s.giveUpMs) return { kind: 'expire', why };
  // Back off with age: a fact that did not come in seconds is rarely there the next second.
  const pause = Math.min(s.retryMaxMs, Math.max(s.retryBaseMs, Math.floor(age / 4)));
  return { kind: 'wait', waitKey, retryAt: new Date(now.getTime() + pause).toISOString(), why };
};

/**
 * Whether a notice can go out now, to whom, with which details: pure, over the facts the caller read.
 * A notice waits (not an error) while the ids its event carries cannot be mapped yet, which happens when
 * topics are read out of order (a replay, or logistics' topic ahead of orders'), and for an order's
 * confirmation, until logistics has given every farm's shipment a tracking code (or the wait is over).
 */
export const readiness = (
  notice: Notice,
  facts: { order?: OrderFacts | null; farm?: FarmFacts | null },
  now: Date,
  s: ResolveSettings,
): Readiness => {
  const a = notice.audience;
  switch (a.kind) {
    case 'buyer_of_order': {
      const order = facts.order;
      const waitKey = `order:${a.orderId}`;
      if (!order?.buyerId) return waitOrExpire(notice, now, s, waitKey, 'buyer of the order not known yet');
      const codes = order.trackingCodes ?? {};
      const d = notice.data;
      if (d.kind === 'order_confirmed') {
        const complete = d.farms.every((f) => codes[f.farmId]);
        const waited = now.getTime() - Date.parse(notice.createdAt) >= s.trackingWaitMs;
        if (!complete && !waited) {
          const retryAt = new Date(
            Math.min(now.getTime() + s.retryMaxMs, Date.parse(notice.createdAt) + s.trackingWaitMs),
          ).toISOString();
          return { kind: 'wait', waitKey, retryAt, why: 'tracking codes not known yet' };
        }
        const trackingCodes = Object.fromEntries(
          d.farms.filter((f) => codes[f.farmId]).map((f) => [f.farmId, codes[f.farmId]!]),
        );
        return { kind: 'ready', to: { userId: order.buyerId }, data: { ...d, trackingCodes } };
      }
      if (d.kind === 'out_for_delivery') {
        return {
          kind: 'ready',
          to: { userId: order.buyerId },
          data: { ...d, trackingCode: codes[d.farmId] },
        };
      }
      if (d.kind === 'delivered') {
        // an order's boxes from two farms make two messages: each names its farm
        const farmName = facts.farm?.farmId === d.farmId ? facts.farm.farmName : undefined;
        return {
          kind: 'ready',
          to: { userId: order.buyerId },
          data: { ...d, trackingCode: codes[d.farmId], ...(farmName ? { farmName } : {}) },
        };
      }
      return { kind: 'ready', to: { userId: order.buyerId }, data: d };
    }
    case 'farmer_of_farm': {
      if (!facts.farm)
        return waitOrExpire(notice, now, s, `farm:${a.farmId}`, 'farmer of the farm not known yet');
      return { kind: 'ready', to: { userId: facts.farm.farmerId }, data: notice.data };
    }
    case 'person':
      return { kind: 'ready', to: { userId: a.personId }, data: notice.data };
    case 'partners_in_region':
    case 'operators':
      return { kind: 'ready', to: { group: a }, data: notice.data };
  }
};
