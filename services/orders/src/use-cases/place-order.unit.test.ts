import { describe, expect, it } from 'vitest';
import { bodyHash } from './place-order';

const base = {
  buyerId: 'user-buyer-ben',
  lines: [{ listingId: 'l-1', quantity: 2 }],
  deliveryAddress: { line1: 'a', city: 'b', postalCode: 'c', country: 'NL' },
  contact: { name: 'Ben' },
};

describe('the Idempotency-Key body hash', () => {
  it('when the same body comes with its keys in another order, then the hash is the same', () => {
    const reordered = { contact: { name: 'Ben' }, deliveryAddress: { country: 'NL', postalCode: 'c', city: 'b', line1: 'a' }, lines: [{ quantity: 2, listingId: 'l-1' }], buyerId: 'user-buyer-ben' };
    expect(bodyHash(reordered)).toBe(bodyHash(base));
  });

  it('when a quantity differs, then the hash differs', () => {
    expect(bodyHash({ ...base, lines: [{ listingId: 'l-1', quantity: 3 }] })).not.toBe(bodyHash(base));
  });
});
