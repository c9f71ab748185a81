import type { ListingSnapshot } from '@ftt/contracts';

/** orders' own view of a catalog listing, fed by catalog events (never read from catalog directly). */
export interface ListingRecord {
  listingId: string;
  version: number;
  archived: boolean;
  /** Absent when an archive arrived before any snapshot (out-of-order delivery). */
  snapshot?: ListingSnapshot | undefined;
}

/** Why a listing cannot be ordered, or undefined when it can. */
export const unavailableBecause = (record: ListingRecord | undefined): string | undefined => {
  if (!record?.snapshot) return 'unknown listing';
  if (record.archived) return 'listing is archived';
  if (record.snapshot.status !== 'published') return `listing is ${record.snapshot.status}`;
  return undefined;
};

/** Snapshots carry a version that grows with every change; an older or equal one is stale. */
export const isNewer = (incomingVersion: number, stored: Pick<ListingRecord, 'version'> | undefined): boolean =>
  stored === undefined || incomingVersion > stored.version;
