import { describe, expect, it } from 'vitest';
import { SHIPMENT_STATUSES, type ShipmentStatus } from './shipment';
import {
  decide,
  decideCreate,
  LEGAL_FROM,
  type ShipmentCommand,
  type ShipmentOutcome,
} from './shipment-decide';
import {
  at,
  changed,
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
} from './test-fixtures';

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
    const { shipment, events } = changed(decide(openShipment(), claim, at(1)));
    expect(shipment).toMatchObject({ status: 'assigned', partnerId: PIA, assignedAt: at(1) });
    expect(events).toEqual([
      {
        type: 'ftt.logistics.shipment.assigned.v1',
        data: { shipmentId: 'shp-1', orderId: 'ord-1', farmId: 'farm-dehof', at: at(1), partnerId: PIA },
      },
    ]);
  });

  it('when another partner claims an assigned shipment, then it is rejected as an invalid transition', () => {
    expect(decide(given(claim), { kind: 'claim', partnerId: 'other' }, at(2))).toEqual({
      kind: 'reject',
      code: 'shipment.invalid_transition',
      message: 'cannot claim a shipment that is assigned',
    });
  });

  it('when the same partner claims again, then it is ignored: nothing changes and nothing is emitted (a retried request)', () => {
    expect(decide(given(claim), claim, at(5))).toEqual({
      kind: 'ignore',
      reason: 'the partner claimed it already',
    });
  });

  it('when a partner other than the assigned one records a step, then it is forbidden, whatever the status', () => {
    for (const status of ['assigned', 'picked_up', 'out_for_delivery'] as const) {
      expect(code(decide(inStatus[status](), { kind: 'pick_up', partnerId: 'other' }, at(9)))).toBe(
        'shipment.forbidden',
      );
    }
    expect(code(decide(openShipment(), pickUp, at(1)))).toBe('shipment.forbidden');
  });

  it('when each command meets each status, then only the assignee may step, exactly the transitions in the table change it, a retried claim or a late cancel is ignored and all others are invalid_transition', () => {
    for (const status of SHIPMENT_STATUSES) {
      for (const cmd of commands) {
        const s = inStatus[status]();
        expect(s.status).toBe(status);
        const sameClaim = cmd.kind === 'claim' && s.status === 'assigned' && s.partnerId === PIA;
        const result = code(decide(s, cmd, at(30)));
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
      const d = changed(decide(s, cmd, at(i + 1)));
      s = d.shipment;
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
    const s = given(claim, pickUp, outForDelivery, failDelivery, outForDelivery, failDelivery);
    expect(s.status).toBe('delivery_failed');
    expect(s.failures).toHaveLength(2);
  });

  it('when a shipment is cancelled, then one cancelled event carries the reason', () => {
    const { shipment, events } = changed(
      decide(given(claim), { kind: 'cancel', reason: 'order cancelled: buyer' }, at(3)),
    );
    expect(shipment.cancelled).toEqual({ reason: 'order cancelled: buyer', at: at(3) });
    expect(events.map((e) => e.type)).toEqual(['ftt.logistics.shipment.cancelled.v1']);
  });

  it('when the cancel arrives after pickup or a second time, then it is ignored (a late or repeated order.cancelled)', () => {
    const cancel: ShipmentCommand = { kind: 'cancel', reason: 'order cancelled: late' };
    expect(decide(given(claim, pickUp), cancel, at(5))).toEqual({
      kind: 'ignore',
      reason: 'a shipment that is picked_up is not cancelled',
    });
    expect(code(decide(given(cancel), cancel, at(5)))).toBe('ignored');
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
    const { shipment, events } = changed(decideCreate(null, { ...create, traceparent: 'tp-1' }, T0));
    expect(shipment).toMatchObject({ shipmentId: 'shp-1', status: 'open', traceparent: 'tp-1' });
    expect(events.map((e) => e.type)).toEqual(['ftt.logistics.shipment.created.v1']);
    expect(changed(decideCreate(null, create, T0)).shipment).not.toHaveProperty('traceparent');
  });

  it('when the shipment exists already, then the confirmation is ignored (redelivered or sent again)', () => {
    expect(decideCreate(openShipment(), create, at(1))).toEqual({
      kind: 'ignore',
      reason: 'the shipment exists already',
    });
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
      const { shipment, events } = changed(decide(given(claim, pickUp), checkpoint(t), at(4)));
      expect(
        events.map((e) => e.type),
        String(t),
      ).toEqual(['ftt.logistics.shipment.checkpoint_recorded.v1']);
      expect(shipment.excursions).toEqual([]);
    }
  });

  it('when the temperature is outside the range, then a temperature_excursion event follows the checkpoint and the shipment lists it', () => {
    for (const t of [7.9, 14.1, -2]) {
      const { shipment, events } = changed(decide(given(claim, pickUp), checkpoint(t), at(4)));
      expect(events.map((e) => e.type)).toEqual([
        'ftt.logistics.shipment.checkpoint_recorded.v1',
        'ftt.logistics.shipment.temperature_excursion.v1',
      ]);
      expect(events[1]!.data).toMatchObject({
        temperatureC: t,
        minC: 8,
        maxC: 14,
        place: 'A12',
        lotCodes: ['LOT-T1', 'LOT-P1'],
      });
      expect(shipment.excursions).toEqual([
        { place: 'A12', time: at(3), temperatureC: t, minC: 8, maxC: 14 },
      ]);
      expect(shipment.checkpoints[0]!.excursion).toBe(true);
    }
  });

  it('when a checkpoint time has an offset, then it is stored in UTC', () => {
    const { shipment } = changed(
      decide(given(claim, pickUp), checkpoint(10, '2026-11-28T10:03:00+01:00'), at(4)),
    );
    expect(shipment.checkpoints[0]!.time).toBe('2026-11-28T09:03:00.000Z');
  });

  it('when a checkpoint claims a time in the future or long before the pickup, then it is rejected as invalid naming body.time', () => {
    for (const time of [at(60), at(-60)]) {
      expect(decide(given(claim, pickUp), checkpoint(10, time), at(4))).toMatchObject({
        kind: 'reject',
        code: 'checkpoint.invalid',
        issues: [{ field: 'body.time' }],
      });
    }
  });

  it('when no note or temperature is given, then the stored checkpoint has no such keys (never null)', () => {
    const { shipment, events } = changed(decide(given(claim, pickUp), checkpoint(undefined), at(4)));
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
    const [event] = changed(decide(at_point, stallKeeper, at(10))).events;
    const [otherEvent] = changed(decide(other, stallKeeper, at(10))).events;
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
    expect(changed(decide(given(claim, pickUp, outForDelivery), deliver, at(10))).events[0]!.data).not.toHaveProperty(
      'collection',
    );
  });
});

