import { describe, expect, it } from 'vitest';
import { DEMO_OFFER } from '../domain/delivery-offer';
import { cancelOrder } from '../domain/lifecycle';
import { splitOffer } from '../domain/region-offer';
import { confirmedOrder, later, pendingOrder, settings } from '../domain/test-fixtures';
import { offerAggregate, orderAggregate } from './aggregates';

const order = orderAggregate.schema!;
const offer = offerAggregate.schema!;

describe('orders aggregates have a state schema', () => {
  it('when an order is placed, paid and cancelled, then every state it passes through parses', () => {
    const cancelled = cancelOrder(confirmedOrder(), { by: 'admin', reason: 'farm closed', settings }, later(120));
    for (const state of [pendingOrder(), confirmedOrder(), cancelled.kind === 'change' ? cancelled.state : null]) {
      expect(order.safeParse(state).error).toBeUndefined();
    }
  });

  it('when an order holds a state, a timeline entry or a field the schema does not know, then it does not parse', () => {
    const o = confirmedOrder();
    expect(order.safeParse({ ...o, state: 'lost' }).success).toBe(false);
    expect(order.safeParse({ ...o, timeline: [...o.timeline, { at: o.placedAt, state: o.state, cause: 'x', what: { kind: 'teleported' } }] }).success).toBe(false);
    expect(order.safeParse({ ...o, discount: 5 }).success).toBe(false);
  });

  it('when a region offer is published, then its state parses, and one without who published it does not', () => {
    const [region] = splitOffer(DEMO_OFFER);
    const stored = { ...region!, updatedAt: later(0).toISOString(), updatedBy: 'user-operator-olga' };
    expect(offer.safeParse(stored).error).toBeUndefined();
    const { updatedBy: _by, ...anonymous } = stored;
    expect(offer.safeParse(anonymous).success).toBe(false);
  });
});
