import { DomainError } from './errors';
import type { ListingStatus } from './listing';

export type AdjustmentKind = 'restock' | 'write_off';

/** A farmer's own stock movement; kept on the listing as its history. */
export interface StockAdjustment {
  id: string;
  kind: AdjustmentKind;
  quantity: number;
  reason: string;
  by: string;
  at: string;
}

export interface StockLevels {
  available: number;
  reserved: number;
  sold: number;
}

export const decideAdjustment = (
  status: ListingStatus,
  input: { id: string; kind: AdjustmentKind; quantity: number; reason: string; by: string },
  now: Date,
): { adjustment: StockAdjustment; delta: number } => {
  if (status === 'archived') {
    throw new DomainError('listing.invalid_transition', 'the stock of an archived listing cannot change');
  }
  if (!Number.isInteger(input.quantity) || input.quantity <= 0) {
    throw new DomainError('stock.invalid', 'quantity must be a positive integer', [
      { field: 'body.quantity', message: 'positive integer' },
    ]);
  }
  return {
    adjustment: { ...input, at: now.toISOString() },
    delta: input.kind === 'restock' ? input.quantity : -input.quantity,
  };
};
