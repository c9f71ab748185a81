import type { AuditLog, AuditRecord, Principal } from '@ftt/kit';

export interface Partner {
  partnerId: string;
  name?: string | undefined;
  region?: string | undefined;
  firstSeenAt: string;
  lastClaimAt?: string | undefined;
  claims: number;
  suspended: { at: string; by: string; reason: string } | null;
}

/** Partners (data/partner-repo.ts): recorded at their claims, suspended and reinstated by operators. */
export interface PartnerStore {
  /** A claim that won: the partner's record is made or updated (the claimer's name, the work's region). */
  noteClaim(partnerId: string, by: Principal, region: string | undefined, now: Date): Promise<void>;
  get(partnerId: string): Promise<Partner | null>;
  /** The partner's record, made when missing (a partner suspended before it ever claimed). */
  ensure(partnerId: string, now: Date): Promise<void>;
  /** null when the partner is unknown or not in the expected state. */
  /** `audit`: the operator's action, written with it. */
  setSuspended(partnerId: string, suspended: Partner['suspended'], expectSuspended: boolean, audit: AuditRecord): Promise<Partner | null>;
  settleAudit(log: AuditLog, partnerId: string): Promise<void>;
  page(o: { cursor?: string | undefined; limit: number }): Promise<{ items: Partner[]; nextCursor: string | null }>;
}
