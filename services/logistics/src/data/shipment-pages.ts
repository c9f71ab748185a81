import { bucketKey } from '@ftt/kit';
import { FINISHED, isTerminal, type ShipmentStatus } from '../domain/shipment';

/**
 * The day-bucketed lists of shipments (kit: buckets.ts): the keys each stored shipment carries in `pageKeys`,
 * written with its state. Each list's bucket is the UTC day of `createdAt`, which never changes.
 *
 * - `p:<partnerId>`: a partner's shipments (GET /shipments/mine), from the claim on.
 * - `ph:<partnerId>`: a partner's finished ones (delivered or returned: GET /shipments/mine/history).
 * - `ps:<partnerId>:<status>`: a partner's shipments in one end status (delivered, returned, cancelled). A partner's
 *   shipments in a status a shipment passes through (assigned, picked_up, ...) are the ones in flight, read through
 *   `{ partnerId, status, createdAt, _id }`: not bucketed, as their key would leave a day behind for each.
 *
 * Every one of these stays true once it is (an end status is never left), so no list leaves empty days behind.
 */
export const SHIPMENT_PAGE_KEYS_VERSION = 1;

export { FINISHED };

export const partnerList = (partnerId: string) => `p:${partnerId}`;
export const partnerHistoryList = (partnerId: string) => `ph:${partnerId}`;
export const partnerStatusList = (partnerId: string, status: ShipmentStatus) => `ps:${partnerId}:${status}`;
export const partnerStatusBucketed = (status: ShipmentStatus) => isTerminal(status);

/** The bucket keys of a stored shipment (a document or the state: partnerId, status and createdAt are read). */
export const shipmentPageKeys = (s: { partnerId?: string | null | undefined; status: string; createdAt: string }): string[] => {
  if (!s.partnerId) return [];
  const status = s.status as ShipmentStatus;
  const keys = [bucketKey(partnerList(s.partnerId), s.createdAt)];
  if (FINISHED.includes(status)) keys.push(bucketKey(partnerHistoryList(s.partnerId), s.createdAt));
  if (partnerStatusBucketed(status)) keys.push(bucketKey(partnerStatusList(s.partnerId, status), s.createdAt));
  return keys;
};

/** What the backfill reads of a stored shipment to compute its keys. */
export const SHIPMENT_PAGE_KEY_FIELDS = { partnerId: 1, status: 1, createdAt: 1 } as const;
