import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import { decideOrderFacts } from '../domain/order-facts';
import { buildRun } from '../domain/runs/run';
import { decideRun } from '../domain/runs/run-decide';
import { decide } from '../domain/shipment-decide';
import { at, claim, given, openShipment, pickUp, T0, time } from '../domain/test-fixtures';
import { orderFactsAggregate, runAggregate, shipmentAggregate } from './aggregates';

/**
 * Every logistics aggregate states its schema. A state is parsed as the kit's decider helper parses it: the state a
 * test gives, and every state a decider writes.
 */
describe('logistics aggregates have a state schema', () => {
  it('when a shipment is opened, claimed and picked up, then its states parse; one in an unknown status does not', () => {
    const shipments = decider(shipmentAggregate, { now: time(0) });
    const claimed = shipments.given(openShipment()).when(decide, claim, time(1)).then({ state: { status: 'assigned' } });
    claimed.when(decide, pickUp, time(2)).then({ state: { status: 'picked_up' } });
    expect(shipmentAggregate.schema!.safeParse({ ...given(claim), status: 'lost' }).success).toBe(false);
  });

  it('when logistics hears of an order and its pickup starts, then both states parse; an unknown field does not', () => {
    const { state } = decider(orderFactsAggregate, { now: time(0) })
      .given(null)
      .when(decideOrderFacts, { orderId: 'ord-1', kind: 'confirm', buyerId: 'buyer-1', at: at(0) })
      .then({ state: { status: 'confirmed' } })
      .when(decideOrderFacts, { orderId: 'ord-1', kind: 'start_pickup', at: at(1) })
      .then({ state: { pickedUp: true } });
    expect(orderFactsAggregate.schema!.safeParse({ ...state, refunded: true }).success).toBe(false);
  });

  it('when a run is planned and claimed, then both states parse; a stop without its place does not', () => {
    // a drop in Ede (a postcode the bundled table locates), from the fixtures' farm in Wageningen
    const box = openShipment();
    const ede = { ...box, dropoff: { ...box.dropoff, address: { ...box.dropoff.address, city: 'Ede', postalCode: '6717 AB' } } };
    const { run } = buildRun('run-1', 'Gelderland', '2026-11-28', [ede], T0);
    expect(run.stops.map((s) => s.kind)).toEqual(['pickup', 'drop']);
    const { state } = decider(runAggregate, { now: time(5) }).given(run).when(decideRun, { kind: 'claim', partnerId: 'pia' }).then({ state: { status: 'claimed' } });
    const [first, ...rest] = state.stops;
    const { address: _address, ...placeless } = first!;
    expect(runAggregate.schema!.safeParse({ ...state, stops: [placeless, ...rest] }).success).toBe(false);
  });
});
