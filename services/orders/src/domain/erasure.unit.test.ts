import { describe, expect, it } from 'vitest';
import { eraseBuyer, REMOVED } from './erasure';
import { changed, confirmedOrder, later } from './test-fixtures';

describe('a buyer who deleted their account', () => {
  it('when the erasure arrives, then the order keeps its lines, money and timeline and loses name, address and phone', () => {
    const order = confirmedOrder();
    const { order: after, events } = changed(eraseBuyer(order, later(600)));
    expect(events).toEqual([]);
    expect(after.dropoff).toEqual({
      address: { line1: REMOVED, city: REMOVED, postalCode: REMOVED, country: order.dropoff.address.country },
      contactName: REMOVED,
    });
    expect(JSON.stringify(after)).not.toContain(order.dropoff.address.line1);
    expect(JSON.stringify(after)).not.toContain(order.dropoff.contactName);
    expect({ ...after, dropoff: order.dropoff, buyerErasedAt: undefined }).toEqual({
      ...order,
      buyerErasedAt: undefined,
    });
    expect(after.buyerErasedAt).toBe(later(600).toISOString());
  });

  it('when the erasure arrives again, then nothing changes', () => {
    const { order: after } = changed(eraseBuyer(confirmedOrder(), later(600)));
    expect(eraseBuyer(after, later(700)).kind).toBe('ignore');
  });
});
