import { DomainError } from './errors';
import type { Decision, Shipment, ShipmentStatus, Step } from './shipment';

export type ShipmentCommand =
  | { kind: 'claim'; partnerId: string }
  | { kind: 'pick_up'; partnerId: string }
  | {
      kind: 'record_checkpoint';
      partnerId: string;
      place: string;
      time: string;
      temperatureC?: number | undefined;
      note?: string | undefined;
    }
  | { kind: 'send_out_for_delivery'; partnerId: string }
  | { kind: 'deliver'; partnerId: string; recipientName: string; proofRef: string }
  | { kind: 'fail_delivery'; partnerId: string; reason: string }
  | { kind: 'return'; partnerId: string; reason: string }
  | { kind: 'cancel'; reason: string };

export type CommandKind = ShipmentCommand['kind'];

/** The whole state machine in one table: from which statuses each command is legal. */
export const LEGAL_FROM: Record<CommandKind, readonly ShipmentStatus[]> = {
  claim: ['open'],
  pick_up: ['assigned'],
  // Checkpoints are recorded on the road: after pickup, on the last leg, and between delivery attempts.
  record_checkpoint: ['picked_up', 'out_for_delivery', 'delivery_failed'],
  // A failed attempt may be retried.
  send_out_for_delivery: ['picked_up', 'delivery_failed'],
  deliver: ['out_for_delivery'],
  fail_delivery: ['out_for_delivery'],
  // Goods go back to the farm when damaged on the way or after a failed attempt.
  return: ['picked_up', 'delivery_failed'],
  // Once picked up the order can no longer be cancelled (docs/design.md, saga step 6).
  cancel: ['open', 'assigned'],
};

/** Partner clocks drift; a checkpoint may not claim a time further in the future than this. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const illegal = (s: Shipment, kind: CommandKind) =>
  new DomainError(
    'shipment.invalid_transition',
    `cannot ${kind.replace(/_/g, ' ')} a shipment that is ${s.status.replace(/_/g, ' ')}`,
  );

const ref = (s: Shipment, at: string) => ({
  shipmentId: s.shipmentId,
  orderId: s.orderId,
  farmId: s.farmId,
  at,
});

const advance = (s: Shipment, now: string, patch: Partial<Shipment>, step: Step): Shipment => ({
  ...s,
  ...patch,
  updatedAt: now,
  steps: [...s.steps, step],
});

/**
 * Decide a command against the current shipment: the new state and the events it emits, or a
 * DomainError. Pure: the clock comes in as `now`.
 */
export const decide = (s: Shipment, cmd: ShipmentCommand, now: string): Decision => {
  if (cmd.kind === 'claim' && s.status === 'assigned' && s.partnerId === cmd.partnerId) {
    return { shipment: s, events: [] }; // the same partner retrying its claim: nothing new happens
  }
  if (cmd.kind !== 'claim' && cmd.kind !== 'cancel' && s.partnerId !== cmd.partnerId) {
    throw new DomainError('shipment.forbidden', 'only the partner assigned to this shipment may update it');
  }
  if (!LEGAL_FROM[cmd.kind].includes(s.status)) throw illegal(s, cmd.kind);

  switch (cmd.kind) {
    case 'claim':
      return {
        shipment: advance(
          s,
          now,
          { status: 'assigned', partnerId: cmd.partnerId, assignedAt: now },
          { step: 'assigned', at: now },
        ),
        events: [
          { type: 'ftt.logistics.shipment.assigned.v1', data: { ...ref(s, now), partnerId: cmd.partnerId } },
        ],
      };
    case 'pick_up':
      return {
        shipment: advance(
          s,
          now,
          { status: 'picked_up', pickedUpAt: now },
          { step: 'picked_up', at: now, place: s.farmName },
        ),
        events: [
          { type: 'ftt.logistics.shipment.picked_up.v1', data: { ...ref(s, now), partnerId: cmd.partnerId } },
        ],
      };
    case 'record_checkpoint':
      return recordCheckpoint(s, cmd, now);
    case 'send_out_for_delivery':
      return {
        shipment: advance(
          s,
          now,
          { status: 'out_for_delivery', outForDeliveryAt: now },
          { step: 'out_for_delivery', at: now },
        ),
        events: [
          {
            type: 'ftt.logistics.shipment.out_for_delivery.v1',
            data: { ...ref(s, now), partnerId: cmd.partnerId },
          },
        ],
      };
    case 'deliver':
      return {
        shipment: advance(
          s,
          now,
          {
            status: 'delivered',
            deliveredAt: now,
            delivery: { recipientName: cmd.recipientName, proofRef: cmd.proofRef },
          },
          { step: 'delivered', at: now },
        ),
        events: [
          {
            type: 'ftt.logistics.shipment.delivered.v1',
            data: {
              ...ref(s, now),
              partnerId: cmd.partnerId,
              recipientName: cmd.recipientName,
              proofRef: cmd.proofRef,
            },
          },
        ],
      };
    case 'fail_delivery':
      return {
        shipment: advance(
          s,
          now,
          { status: 'delivery_failed', failures: [...s.failures, { reason: cmd.reason, at: now }] },
          { step: 'delivery_failed', at: now },
        ),
        events: [
          {
            type: 'ftt.logistics.shipment.delivery_failed.v1',
            data: { ...ref(s, now), partnerId: cmd.partnerId, reason: cmd.reason },
          },
        ],
      };
    case 'return':
      return {
        shipment: advance(
          s,
          now,
          { status: 'returned', returned: { reason: cmd.reason, at: now } },
          { step: 'returned', at: now },
        ),
        events: [
          {
            type: 'ftt.logistics.shipment.returned.v1',
            data: { ...ref(s, now), partnerId: cmd.partnerId, reason: cmd.reason },
          },
        ],
      };
    case 'cancel':
      return {
        shipment: advance(
          s,
          now,
          { status: 'cancelled', cancelled: { reason: cmd.reason, at: now } },
          { step: 'cancelled', at: now },
        ),
        events: [
          { type: 'ftt.logistics.shipment.cancelled.v1', data: { ...ref(s, now), reason: cmd.reason } },
        ],
      };
    default: {
      const never: never = cmd;
      throw new Error(`unhandled command ${String(never)}`);
    }
  }
};

export const isExcursion = (
  temperatureC: number | undefined,
  range: { minC: number; maxC: number },
): temperatureC is number =>
  temperatureC !== undefined && (temperatureC < range.minC || temperatureC > range.maxC);

const recordCheckpoint = (
  s: Shipment,
  given: Extract<ShipmentCommand, { kind: 'record_checkpoint' }>,
  now: string,
): Decision => {
  // Partners may send any offset; stored times are UTC so they sort and compare as strings.
  const cmd = { ...given, time: new Date(given.time).toISOString() };
  if (Date.parse(cmd.time) > Date.parse(now) + MAX_CLOCK_SKEW_MS) {
    throw new DomainError('checkpoint.invalid', 'a checkpoint cannot be in the future', [
      { field: 'body.time', message: 'must not be in the future' },
    ]);
  }
  if (s.pickedUpAt && Date.parse(cmd.time) < Date.parse(s.pickedUpAt) - MAX_CLOCK_SKEW_MS) {
    throw new DomainError('checkpoint.invalid', 'a checkpoint cannot be before the pickup', [
      { field: 'body.time', message: 'must not be before the pickup' },
    ]);
  }
  const t = cmd.temperatureC;
  const excursion = isExcursion(t, s.coldChain);
  // Optional fields are left out rather than stored as null, so the stored document matches the type.
  const optional = {
    ...(cmd.temperatureC !== undefined ? { temperatureC: cmd.temperatureC } : {}),
    ...(cmd.note !== undefined ? { note: cmd.note } : {}),
  };
  const checkpoint = { place: cmd.place, time: cmd.time, ...optional, recordedAt: now, excursion };
  const base = { ...ref(s, cmd.time), partnerId: cmd.partnerId, place: cmd.place };
  const events: Decision['events'] = [
    {
      type: 'ftt.logistics.shipment.checkpoint_recorded.v1',
      data: { ...base, ...optional },
    },
  ];
  const excursions = [...s.excursions];
  if (excursion) {
    const { minC, maxC } = s.coldChain;
    excursions.push({ place: cmd.place, time: cmd.time, temperatureC: t, minC, maxC });
    events.push({
      type: 'ftt.logistics.shipment.temperature_excursion.v1',
      data: { ...ref(s, cmd.time), temperatureC: t, minC, maxC, place: cmd.place, lotCodes: s.lotCodes },
    });
  }
  return {
    shipment: advance(
      s,
      now,
      { checkpoints: [...s.checkpoints, checkpoint], excursions },
      {
        step: 'checkpoint',
        at: cmd.time,
        place: cmd.place,
        ...(cmd.temperatureC !== undefined ? { temperatureC: cmd.temperatureC } : {}),
      },
    ),
    events,
  };
};
