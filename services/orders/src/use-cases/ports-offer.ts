import type { AuditLog, CommandStore, Loaded } from '@ftt/kit';
import type { RegionOffer } from '../domain/region-offer';

export interface OfferRecord extends RegionOffer {
  updatedAt: string;
  updatedBy: string;
}

export interface StoredOffer {
  offer: OfferRecord;
  version: number;
}

/** The published offer: one versioned document per region (data/offer-repo.ts). */
export interface OfferStore extends CommandStore<OfferRecord> {
  load(region: string): Promise<Loaded<OfferRecord> | null>;
  all(): Promise<StoredOffer[]>;
  settleAudit(audit: AuditLog, region: string): Promise<void>;
}
