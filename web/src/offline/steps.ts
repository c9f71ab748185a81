import type { PartnerShipment, ShipmentStatus } from '../api/types';

/**
 * A partner's step on a shipment as the phone keeps it until logistics has it (issue #31): recorded without signal,
 * or sent and lost to the network. Pure: what the queue stores, which status a queued step leads to, whether a
 * shipment shows a step as recorded already, and when to try again.
 */
export type StepAction = 'pickup' | 'checkpoints' | 'out-for-delivery' | 'deliver' | 'fail' | 'return';

export type StepBody =
  | { action: 'pickup' | 'out-for-delivery' }
  /** `time`: when the partner was there, sent with a checkpoint kept on the phone (see `checkpointTime`). */
  | { action: 'checkpoints'; body: { place: string; temperatureC?: number; note?: string; time?: string } }
  | { action: 'deliver'; body: { recipientName: string; proofRef: string } }
  | { action: 'fail' | 'return'; body: { reason: string } };

/** What logistics answered when it refused a step (problem+json): its status, code and detail. */
export interface Refusal {
  status: number;
  code?: string;
  detail: string;
}

export type QueuedStep = StepBody & {
  /** IndexedDB's key, in the order the steps were recorded (autoIncrement). */
  id?: number;
  /** The step's Idempotency-Key, made once when it was recorded and sent with every attempt. */
  key: string;
  /** Whose step it is: only that person's session sends it. */
  userId: string;
  shipmentId: string;
  /** When the partner recorded it on the phone (ISO). */
  recordedAt: string;
  attempts: number;
  /** When a request first left with it (ISO): a checkpoint recorded at or after it may be this one. */
  firstTriedAt?: string;
  /** Not before this time (ms since the epoch): the backoff after a failed attempt. */
  notBefore: number;
  refused?: Refusal;
};

/** The status each step leads to, so that the screen offers the next steps while one waits. */
const LEADS_TO: Partial<Record<StepAction, ShipmentStatus>> = {
  pickup: 'picked_up',
  'out-for-delivery': 'out_for_delivery',
  deliver: 'delivered',
  fail: 'delivery_failed',
  return: 'returned',
};

/** The shipment as it will be once its waiting steps arrive (status only; refused steps change nothing). */
export const projected = (s: PartnerShipment, queued: readonly QueuedStep[]): PartnerShipment => {
  let status = s.status;
  for (const q of queued) if (q.shipmentId === s.shipmentId && !q.refused) status = LEADS_TO[q.action] ?? status;
  return status === s.status ? s : { ...s, status };
};

/** Server and phone clocks differ; a checkpoint recorded this long before the first attempt is not the attempt's. */
const SKEW_MS = 5 * 60_000;

/**
 * Whether the shipment shows this step recorded already: a request that left without an answer (the signal went
 * on the way back) may have been recorded, and logistics answers the same step again with a 409 (a pickup of a
 * picked-up shipment) or, for a checkpoint, would record it twice.
 */
export const alreadyRecorded = (q: QueuedStep, s: PartnerShipment): boolean => {
  switch (q.action) {
    case 'pickup':
      return s.pickedUpAt !== undefined;
    case 'out-for-delivery':
      return s.status === 'out_for_delivery' || s.status === 'delivered';
    case 'deliver':
      return s.status === 'delivered';
    case 'fail':
      return s.failures.some((f) => f.reason === q.body.reason && Date.parse(f.at) >= Date.parse(q.recordedAt) - SKEW_MS);
    case 'return':
      return s.status === 'returned';
    case 'checkpoints': {
      const b = q.body;
      const same = (c: PartnerShipment['checkpoints'][number]) =>
        c.place === b.place && c.temperatureC === b.temperatureC && c.note === b.note;
      // with its own time, a checkpoint is known by it; without, by a recording since the first attempt
      if (b.time) return s.checkpoints.some((c) => same(c) && Date.parse(c.time) === Date.parse(b.time!));
      if (!q.firstTriedAt) return false;
      const from = Date.parse(q.firstTriedAt) - SKEW_MS;
      return s.checkpoints.some((c) => same(c) && Date.parse(c.recordedAt) >= from);
    }
  }
};

/**
 * The time a checkpoint kept on the phone carries: when the partner was there, unless a pickup of the same shipment
 * waits before it (logistics stamps the pickup when it arrives, and refuses a checkpoint from before the pickup).
 */
export const checkpointTime = (shipmentId: string, queued: readonly QueuedStep[], now: Date): string | undefined =>
  queued.some((q) => q.shipmentId === shipmentId && q.action === 'pickup' && !q.refused)
    ? undefined
    : now.toISOString();

/** Seconds to wait after the n-th failed attempt: 2, 4, 8 ... up to a minute, with a little jitter. */
export const backoffMs = (attempts: number, random = Math.random): number =>
  Math.min(60_000, 2_000 * 2 ** Math.max(0, attempts - 1)) * (0.8 + 0.4 * random());

/** A failure worth trying again (no signal, the service or the proxy down, too many requests, the token expired). */
export const isTransient = (status: number): boolean =>
  status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;
