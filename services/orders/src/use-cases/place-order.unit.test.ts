import { describe, expect, it } from 'vitest';
import { bodyHash, orderIdFor } from './place-order';

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

describe('the order id of a buyer and an Idempotency-Key', () => {
  it('is the same for the same buyer and key, another for another buyer or key, and an RFC 9562 version 8 UUID', () => {
    const id = orderIdFor('user-buyer-ben', 'k-1');
    expect(orderIdFor('user-buyer-ben', 'k-1')).toBe(id);
    expect(orderIdFor('user-buyer-carla', 'k-1')).not.toBe(id);
    expect(orderIdFor('user-buyer-ben', 'k-2')).not.toBe(id);
    // No separator games: "a" + "b\0c" is not "a\0b" + "c".
    expect(orderIdFor('a', 'b\u0000c')).not.toBe(orderIdFor('a\u0000b', 'c'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
