import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import { shipmentAggregate } from '../use-cases/aggregates';
import { SHIPMENT_STATUSES, type Shipment, type ShipmentEvent, type ShipmentStatus } from './shipment';
import { decide, decideCreate, LEGAL_FROM, type ShipmentCommand, type ShipmentOutcome } from './shipment-decide';
import {
  at,
  claim,
  confirmed,
  deliver,
  failDelivery,
  given,
  openShipment,
  outForDelivery,
  PIA,
  pickUp,
  T0,
  time,
} from './test-fixtures';

/** Given a shipment (or none), when `decide` (or `decideCreate`) and a command, then what the handler writes. */
const shipments = decider<Shipment, ShipmentEvent>(shipmentAggregate, { now: new Date(T0) });

/** An outcome in one word: the rejection's code, 'ignored' or 'changed'. */
const code = (o: ShipmentOutcome) =>
  o.kind === 'reject' ? o.code : o.kind === 'ignore' ? 'ignored' : 'changed';

/** A shipment in each status, reached through legal commands only. */
const inStatus: Record<ShipmentStatus, () => ReturnType<typeof given>> = {
  open: () => given(),
  assigned: () => given(claim),
  picked_up: () => given(claim, pickUp),
  out_for_delivery: () => given(claim, pickUp, outForDelivery),
  delivered: () => given(claim, pickUp, outForDelivery, deliver),
  delivery_failed: () => given(claim, pickUp, outForDelivery, failDelivery),
  returned: () => given(claim, pickUp, { kind: 'return', partnerId: PIA, reason: 'damaged' }),
  cancelled: () => given({ kind: 'cancel', reason: 'order cancelled' }),
};

const commands: ShipmentCommand[] = [
  claim,
  pickUp,
  { kind: 'record_checkpoint', partnerId: PIA, place: 'Hub', time: at(0), temperatureC: 10 },
  outForDelivery,
  deliver,
  failDelivery,
  { kind: 'return', partnerId: PIA, reason: 'refused' },
  { kind: 'cancel', reason: 'order cancelled' },
];

describe('shipment state machine', () => {
  it('when an open shipment is claimed, then it is assigned to that partner and one assigned event is emitted', () => {
    const { events } = shipments
      .given(openShipment())
      .when(decide, claim, time(1))
      .then({ state: { status: 'assigned', partnerId: PIA, assignedAt: at(1) } });
    expect(events).toEqual([
      {
        type: 'ftt.logistics.shipment.assigned.v1',
        data: { shipmentId: 'shp-1', orderId: 'ord-1', farmId: 'farm-dehof', at: at(1), partnerId: PIA },
      },
    ]);
  });

  it('when another partner claims an assigned shipment, then it is rejected as an invalid transition', () => {
    shipments
      .given(given(claim))
      .when(decide, { kind: 'claim', partnerId: 'other' }, time(2))
      .thenRejects('shipment.invalid_transition', 'cannot claim a shipment that is assigned');
  });

  it('when the same partner claims again, then it is ignored: nothing changes and nothing is emitted (a retried request)', () => {
    shipments.given(given(claim)).when(decide, claim, time(5)).thenIgnores('the partner claimed it already');
  });

  it('when a partner other than the assigned one records a step, then it is forbidden, whatever the status', () => {
    for (const status of ['assigned', 'picked_up', 'out_for_delivery'] as const) {
      shipments.given(inStatus[status]()).when(decide, { kind: 'pick_up', partnerId: 'other' }, time(9)).thenRejects('shipment.forbidden');
    }
    shipments.given(openShipment()).when(decide, pickUp, time(1)).thenRejects('shipment.forbidden');
  });

  it('when each command meets each status, then only the assignee may step, exactly the transitions in the table change it, a retried claim or a late cancel is ignored and all others are invalid_transition', () => {
    for (const status of SHIPMENT_STATUSES) {
      for (const cmd of commands) {
        const s = inStatus[status]();
        expect(s.status).toBe(status);
        const sameClaim = cmd.kind === 'claim' && s.status === 'assigned' && s.partnerId === PIA;
        const result = code(shipments.given(s).when(decide, cmd, time(30)).outcome);
        const needsAssignee = cmd.kind !== 'claim' && cmd.kind !== 'cancel';
        const expected =
          needsAssignee && s.partnerId !== PIA
            ? 'shipment.forbidden'
            : LEGAL_FROM[cmd.kind].includes(status)
              ? 'changed'
              : sameClaim || cmd.kind === 'cancel'
                ? 'ignored'
                : 'shipment.invalid_transition';
        expect(result, `${cmd.kind} from ${status}`).toBe(expected);
      }
    }
  });

  it('when the full happy path runs, then the steps and events follow in order and it ends delivered with proof', () => {
    const s0 = openShipment();
    const types: string[] = [];
    let step = shipments.given(s0);
    let s = s0;
    [
      claim,
      pickUp,
      {
        kind: 'record_checkpoint',
        partnerId: PIA,
        place: 'Hub',
        time: at(2),
        temperatureC: 9,
      } as ShipmentCommand,
      outForDelivery,
      deliver,
    ].forEach((cmd, i) => {
      const d = step.when(decide, cmd, time(i + 1)).then();
      [step, s] = [d, d.state];
      types.push(...d.events.map((e) => e.type.split('.')[3]!));
    });
    expect(types).toEqual(['assigned', 'picked_up', 'checkpoint_recorded', 'out_for_delivery', 'delivered']);
    expect(s.steps.map((x) => x.step)).toEqual([
      'created',
      'assigned',
      'picked_up',
      'checkpoint',
      'out_for_delivery',
      'delivered',
    ]);
    expect(s.delivery).toEqual({ recipientName: 'Ben', proofRef: 'pod-1' });
    expect(s0.status).toBe('open'); // decisions never mutate their input
  });

  it('when a delivery fails, then the partner may go out again and the failures are kept', () => {
    const { state } = shipments
      .given(given(claim, pickUp, outForDelivery, failDelivery))
      .when(decide, outForDelivery, time(5))
      .then({ state: { status: 'out_for_delivery' } })
      .when(decide, failDelivery, time(6))
      .then({ state: { status: 'delivery_failed' } });
    expect(state.failures).toHaveLength(2);
  });

  it('when a shipment is cancelled, then one cancelled event carries the reason', () => {
    const { state } = shipments
      .given(given(claim))
      .when(decide, { kind: 'cancel', reason: 'order cancelled: buyer' }, time(3))
      .then({ events: [{ type: 'ftt.logistics.shipment.cancelled.v1' }] });
    expect(state.cancelled).toEqual({ reason: 'order cancelled: buyer', at: at(3) });
  });

  it('when the cancel arrives after pickup or a second time, then it is ignored (a late or repeated order.cancelled)', () => {
    const cancel: ShipmentCommand = { kind: 'cancel', reason: 'order cancelled: late' };
    shipments.given(given(claim, pickUp)).when(decide, cancel, time(5)).thenIgnores('a shipment that is picked_up is not cancelled');
    shipments.given(given(cancel)).when(decide, cancel, time(5)).thenIgnores();
  });
});

describe('creating a shipment from order.confirmed', () => {
  const order = confirmed();
  const create = {
    order,
    plan: order.shipments[0]!,
    ids: { shipmentId: 'shp-1', trackingCode: 'FTT-0123456789AB' },
  };

  it("when the shipment does not exist yet, then it is created open with one created event and the confirmation's trace", () => {
    shipments
      .given(null)
      .when(decideCreate, { ...create, traceparent: 'tp-1' })
      .then({ state: { shipmentId: 'shp-1', status: 'open', traceparent: 'tp-1' }, events: [{ type: 'ftt.logistics.shipment.created.v1' }] });
    expect(shipments.given(null).when(decideCreate, create).then().state).not.toHaveProperty('traceparent');
  });

  it('when the shipment exists already, then the confirmation is ignored (redelivered or sent again)', () => {
    shipments.given(openShipment()).when(decideCreate, create, time(1)).thenIgnores('the shipment exists already');
  });
});

describe('checkpoints and the cold chain', () => {
  const checkpoint = (temperatureC: number | undefined, time = at(3)): ShipmentCommand => ({
    kind: 'record_checkpoint',
    partnerId: PIA,
    place: 'A12',
    time,
    temperatureC,
  });

  it('when the temperature is inside the range (bounds included), then no excursion', () => {
    for (const t of [8, 11, 14, undefined]) {
      const { state } = shipments
        .given(given(claim, pickUp))
        .when(decide, checkpoint(t), time(4))
        .then({ events: [{ type: 'ftt.logistics.shipment.checkpoint_recorded.v1' }] });
      expect(state.excursions, String(t)).toEqual([]);
    }
  });

  it('when the temperature is outside the range, then a temperature_excursion event follows the checkpoint and the shipment lists it', () => {
    for (const t of [7.9, 14.1, -2]) {
      const { state: shipment } = shipments
        .given(given(claim, pickUp))
        .when(decide, checkpoint(t), time(4))
        .then({
          events: [
            { type: 'ftt.logistics.shipment.checkpoint_recorded.v1' },
            {
              type: 'ftt.logistics.shipment.temperature_excursion.v1',
              data: { temperatureC: t, minC: 8, maxC: 14, place: 'A12', lotCodes: ['LOT-T1', 'LOT-P1'] },
            },
          ],
        });
      expect(shipment.excursions).toEqual([
        { place: 'A12', time: at(3), temperatureC: t, minC: 8, maxC: 14 },
      ]);
      expect(shipment.checkpoints[0]!.excursion).toBe(true);
    }
  });

  it('when a checkpoint time has an offset, then it is stored in UTC', () => {
    const { state } = shipments.given(given(claim, pickUp)).when(decide, checkpoint(10, '2026-11-28T10:03:00+01:00'), time(4)).then();
    expect(state.checkpoints[0]!.time).toBe('2026-11-28T09:03:00.000Z');
  });

  it('when a checkpoint claims a time in the future or long before the pickup, then it is rejected as invalid naming body.time', () => {
    for (const when of [at(60), at(-60)]) {
      const refused = shipments.given(given(claim, pickUp)).when(decide, checkpoint(10, when), time(4));
      refused.thenRejects('checkpoint.invalid');
      expect(refused.outcome).toMatchObject({ issues: [{ field: 'body.time' }] });
    }
  });

  it('when no note or temperature is given, then the stored checkpoint has no such keys (never null)', () => {
    const { state: shipment, events } = shipments.given(given(claim, pickUp)).when(decide, checkpoint(undefined), time(4)).then();
    expect(Object.keys(shipment.checkpoints[0]!)).toEqual(['place', 'time', 'recordedAt', 'excursion']);
    expect(Object.keys(events[0]!.data)).not.toContain('temperatureC');
  });

  it('when a box is left at a pickup point, then its delivered event names the point, its opening hours and a collection code of its own', () => {
    const drop = {
      kind: 'pickup_point' as const,
      region: 'Gelderland',
      pickupPointId: 'pp-ede-hofwinkel',
      name: 'Hofwinkel De Eng',
      pointKind: 'farm_shop' as const,
      opens: '09:00',
      closes: '18:00',
    };
    const at_point = { ...given(claim, pickUp, outForDelivery), drop, deliveryDate: '2026-12-10' };
    const other = { ...at_point, shipmentId: 'shp-2', orderId: 'ord-2' };
    const stallKeeper: ShipmentCommand = { ...deliver, recipientName: 'Stall keeper' } as ShipmentCommand;
    const [event] = shipments.given(at_point).when(decide, stallKeeper, time(10)).then().events;
    const [otherEvent] = shipments.given(other).when(decide, stallKeeper, time(10)).then().events;
    expect(event!.data).toMatchObject({
      collection: {
        pickupPointId: 'pp-ede-hofwinkel',
        name: 'Hofwinkel De Eng',
        address: at_point.dropoff.address,
        opens: '09:00',
        closes: '18:00',
        code: expect.stringMatching(/^[A-Z0-9]{6}$/),
      },
    });
    const code = (e: typeof event) => (e!.data as { collection: { code: string } }).collection.code;
    expect(code(otherEvent)).not.toBe(code(event));
    // a delivery to the door carries no collection
    const toTheDoor = shipments.given(given(claim, pickUp, outForDelivery)).when(decide, deliver, time(10)).then();
    expect(toTheDoor.events[0]!.data).not.toHaveProperty('collection');
  });
});

