import { change, ignore, reject, type Outcome } from '@ftt/kit/domain';
import { planShipment, type FarmPlan, type OrderConfirmed, type ShipmentIdentity } from './plan-shipments';
import type { Shipment, ShipmentEvent, ShipmentStatus, Step } from './shipment';

export type ShipmentOutcome = Outcome<Shipment, ShipmentEvent>;

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
  | { kind: 'deliver'; partnerId: string; recipientName: string; proofRef: string; photoId?: string | undefined }
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

/** What order.confirmed asks of one farm's shipment. */
export interface NewShipment {
  order: OrderConfirmed;
  plan: FarmPlan;
  ids: ShipmentIdentity;
  /** The confirmation's trace: steps that bring none of their own continue it. */
  traceparent?: string | undefined;
}

/**
 * A confirmed order's shipment for one farm comes into existence once: when it exists already (the
 * confirmation redelivered, or sent again under a new event id) nothing happens.
 */
export const decideCreate = (current: Shipment | null, c: NewShipment, now: Date): ShipmentOutcome => {
  if (current) return ignore('the shipment exists already');
  const { shipment, events } = planShipment(c.order, c.plan, c.ids, now.toISOString());
  return change(c.traceparent ? { ...shipment, traceparent: c.traceparent } : shipment, events);
};

const ref = (s: Shipment, at: string) => ({
  shipmentId: s.shipmentId,
  orderId: s.orderId,
  farmId: s.farmId,
  at,
});

/** The common part of a partner's step event. */
const by = (s: Shipment, cmd: { partnerId: string }, at: string) => ({
  ...ref(s, at),
  partnerId: cmd.partnerId,
});

const advance = (s: Shipment, now: string, patch: Partial<Shipment>, step: Step) => ({
  ...s,
  ...patch,
  updatedAt: now,
  steps: [...s.steps, step],
});

type Reached = Exclude<ShipmentStatus, 'open'>;
/** Each status a step reaches has its event of the same name. */
type EventOf<S extends Reached> = Extract<ShipmentEvent, { type: `ftt.logistics.shipment.${S}.v1` }>;

/** The shipment moves to `status`: its patch, the timeline step and the event of the same name (at `place`). */
const moveTo = <S extends Reached>(
  s: Shipment,
  now: string,
  status: S,
  patch: Partial<Shipment>,
  data: EventOf<S>['data'],
  place?: string,
): ShipmentOutcome => {
  const step = { step: status, at: now, ...(place !== undefined ? { place } : {}) };
  const event = { type: `ftt.logistics.shipment.${status}.v1`, data } as EventOf<S>;
  return change(advance(s, now, { status, ...patch }, step), [event]);
};

/**
 * Decide a command against the current shipment: a change (the new state and its events), an ignore (a
 * retried claim, a late or repeated cancel) or a rejection the caller is told about. Pure: the clock comes
 * in as `now`.
 */
export const decide = (s: Shipment, cmd: ShipmentCommand, now: Date): ShipmentOutcome => {
  const iso = now.toISOString();
  if (cmd.kind === 'claim' && s.status === 'assigned' && s.partnerId === cmd.partnerId) {
    return ignore('the partner claimed it already'); // a retried request: nothing new happens
  }
  if (cmd.kind === 'cancel' && !LEGAL_FROM.cancel.includes(s.status)) {
    // Only order.cancelled cancels: once past pickup the shipment keeps going; a repeated cancel finds it cancelled.
    return ignore(`a shipment that is ${s.status} is not cancelled`);
  }
  if (cmd.kind !== 'claim' && cmd.kind !== 'cancel' && s.partnerId !== cmd.partnerId) {
    return reject('shipment.forbidden', 'only the partner assigned to this shipment may update it');
  }
  if (!LEGAL_FROM[cmd.kind].includes(s.status)) {
    return reject(
      'shipment.invalid_transition',
      `cannot ${cmd.kind.replace(/_/g, ' ')} a shipment that is ${s.status.replace(/_/g, ' ')}`,
    );
  }

  switch (cmd.kind) {
    case 'claim':
      return moveTo(s, iso, 'assigned', { partnerId: cmd.partnerId, assignedAt: iso }, by(s, cmd, iso));
    case 'pick_up':
      return moveTo(s, iso, 'picked_up', { pickedUpAt: iso }, by(s, cmd, iso), s.farmName);
    case 'record_checkpoint':
      return recordCheckpoint(s, cmd, iso);
    case 'send_out_for_delivery':
      return moveTo(s, iso, 'out_for_delivery', { outForDeliveryAt: iso }, by(s, cmd, iso));
    case 'deliver': {
      const delivery = { recipientName: cmd.recipientName, proofRef: cmd.proofRef };
      const collection = collectionAt(s);
      // the photo stays with the shipment (its buyer sees it); the event carries the reference only
      const kept = cmd.photoId ? { ...delivery, photoId: cmd.photoId } : delivery;
      return moveTo(
        s,
        iso,
        'delivered',
        { deliveredAt: iso, delivery: kept },
        { ...by(s, cmd, iso), ...delivery, ...(collection ? { collection } : {}) },
      );
    }
    case 'fail_delivery': {
      const failures = [...s.failures, { reason: cmd.reason, at: iso }];
      return moveTo(s, iso, 'delivery_failed', { failures }, { ...by(s, cmd, iso), reason: cmd.reason });
    }
    case 'return': {
      const returned = { reason: cmd.reason, at: iso };
      return moveTo(s, iso, 'returned', { returned }, { ...by(s, cmd, iso), reason: cmd.reason });
    }
    case 'cancel': {
      const cancelled = { reason: cmd.reason, at: iso };
      return moveTo(s, iso, 'cancelled', { cancelled }, { ...ref(s, iso), reason: cmd.reason });
    }
    default: {
      const never: never = cmd;
      throw new Error(`unhandled command ${String(never)}`);
    }
  }
};

/** Letters and digits that cannot be misread for each other on a phone screen or a label (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * The code a buyer shows at the pickup point: six characters from the shipment's own id (a random UUID), so each box
 * has its own, the same on every redelivery, and nobody who lacks the shipment can work it out from the order.
 */
export const collectionCode = (shipmentId: string): string => {
  let h = 2166136261;
  for (const ch of shipmentId) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let code = '';
  for (let i = 0; i < 6; i++) {
    code += CODE_ALPHABET[h % CODE_ALPHABET.length];
    h = Math.imul(h ^ (h >>> 13), 2654435761) >>> 0;
  }
  return code;
};

/** Where a box left at a pickup point waits for its buyer (the point's address is the order's dropoff address). */
const collectionAt = (s: Shipment) =>
  s.drop?.kind === 'pickup_point'
    ? {
        pickupPointId: s.drop.pickupPointId,
        name: s.drop.name,
        address: s.dropoff.address,
        opens: s.drop.opens,
        closes: s.drop.closes,
        code: collectionCode(s.shipmentId),
      }
    : undefined;

export const isExcursion = (
  temperatureC: number | undefined,
  range: { minC: number; maxC: number },
): temperatureC is number =>
  temperatureC !== undefined && (temperatureC < range.minC || temperatureC > range.maxC);

const badTime = (message: string, issue: string) =>
  reject('checkpoint.invalid', message, [{ field: 'body.time', message: issue }]);

const recordCheckpoint = (
  s: Shipment,
  given: Extract<ShipmentCommand, { kind: 'record_checkpoint' }>,
  now: string,
): ShipmentOutcome => {
  // Partners may send any offset; stored times are UTC so they sort and compare as strings.
  const cmd = { ...given, time: new Date(given.time).toISOString() };
  if (Date.parse(cmd.time) > Date.parse(now) + MAX_CLOCK_SKEW_MS) {
    return badTime('a checkpoint cannot be in the future', 'must not be in the future');
  }
  if (s.pickedUpAt && Date.parse(cmd.time) < Date.parse(s.pickedUpAt) - MAX_CLOCK_SKEW_MS) {
    return badTime('a checkpoint cannot be before the pickup', 'must not be before the pickup');
  }
  const t = cmd.temperatureC;
  const excursion = isExcursion(t, s.coldChain);
  // Optional fields are left out rather than stored as null, so the stored document matches the type.
  const optional = {
    ...(cmd.temperatureC !== undefined ? { temperatureC: cmd.temperatureC } : {}),
    ...(cmd.note !== undefined ? { note: cmd.note } : {}),
  };
  const checkpoint = { place: cmd.place, time: cmd.time, ...optional, recordedAt: now, excursion };
  const events: ShipmentEvent[] = [
    {
      type: 'ftt.logistics.shipment.checkpoint_recorded.v1',
      data: { ...by(s, cmd, cmd.time), place: cmd.place, ...optional },
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
  return change(
    advance(
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
  );
};
