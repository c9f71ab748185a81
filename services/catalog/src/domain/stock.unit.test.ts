import { describe, expect, it } from 'vitest';
import { decideAdjustment } from './stock';

const now = new Date('2026-06-10T08:00:00Z');
const input = { id: 'adj-1', quantity: 5, reason: 'frost', by: 'user-farmer-anna' };

describe('stock adjustments', () => {
  it('when a farmer restocks, then the delta is positive; when writing off, then negative', () => {
    expect(decideAdjustment('published', { ...input, kind: 'restock' }, now)).toEqual({
      adjustment: { ...input, kind: 'restock', at: now.toISOString() },
      delta: 5,
    });
    expect(decideAdjustment('paused', { ...input, kind: 'write_off' }, now).delta).toBe(-5);
  });

  it('when the listing is archived, then its stock cannot change', () => {
    expect(() => decideAdjustment('archived', { ...input, kind: 'restock' }, now)).toThrow(
      expect.objectContaining({ code: 'listing.invalid_transition' }),
    );
  });

  it('when the quantity is not a positive integer, then it is invalid, naming the field', () => {
    expect(() => decideAdjustment('draft', { ...input, kind: 'restock', quantity: 1.5 }, now)).toThrow(
      expect.objectContaining({ code: 'stock.invalid', issues: [{ field: 'body.quantity', message: 'positive integer' }] }),
    );
  });
});
