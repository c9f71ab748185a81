import type { AuditLog, CommandStore, Loaded } from '@ftt/kit';
import { MarketPublishedV1 } from '@ftt/contracts';
import type { z } from 'zod';
import type { Market } from '../domain/market';

export interface MarketRecord extends Market {
  updatedAt: string;
  updatedBy: string;
}

/** What a market's document holds, less the kit's fields (the market aggregate's state schema). */
export const MarketState: z.ZodType<MarketRecord> = MarketPublishedV1.schema
  .omit({ version: true, publishedAt: true })
  .extend({ updatedAt: MarketPublishedV1.schema.shape.publishedAt, updatedBy: MarketPublishedV1.schema.shape.name })
  .strict();

export interface StoredMarket {
  market: MarketRecord;
  version: number;
}

/** The published markets: one versioned document per market code (data/market-repo.ts). */
export interface MarketStore extends CommandStore<MarketRecord> {
  load(code: string): Promise<Loaded<MarketRecord> | null>;
  all(): Promise<StoredMarket[]>;
  settleAudit(audit: AuditLog, code: string): Promise<void>;
  kick(code: string): void;
}
