import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { useSyncExternalStore } from 'react';
import { ApiError, request } from '../api/client';
import type { PartnerShipment } from '../api/types';
import { newKey } from '../lib/ids';
import { alreadyRecorded, backoffMs, checkpointTime, isTransient, type QueuedStep, type StepBody } from './steps';

/**
 * The partner's outbox (issue #31): steps recorded without signal, or whose request the network lost, kept in
 * IndexedDB until logistics has them, and sent one at a time in the order they were recorded when the network
 * returns (the `online` event, at start, after each backoff). Each goes with the Idempotency-Key made when it was
 * recorded. A step logistics refuses (4xx) leaves the queue and stays shown, with the refusal, until dismissed; a
 * 5xx or a network error keeps it queued and tries again later (2 s, 4 s, ... up to a minute).
 */
interface OutboxDb extends DBSchema {
  steps: { key: number; value: QueuedStep };
  /** The partner's shipments as last seen, so that a page opened without signal still shows them. */
  shipments: { key: string; value: { shipmentId: string; userId: string; shipment: PartnerShipment } };
}

let db: Promise<IDBPDatabase<OutboxDb>> | null = null;
const open = () =>
  (db ??= openDB<OutboxDb>('ftt-partner-outbox', 1, {
    upgrade: (d) => {
      d.createObjectStore('steps', { keyPath: 'id', autoIncrement: true });
      d.createObjectStore('shipments', { keyPath: 'shipmentId' });
    },
  }));

export interface OutboxSnapshot {
  /** This person's steps, waiting and refused, in the order they were recorded. */
  steps: readonly QueuedStep[];
  /** Each shipment as logistics answered the last step sent for it (newer than what a screen loaded before). */
  shipments: ReadonlyMap<string, PartnerShipment>;
}

let userId: string | null = null;
let snapshot: OutboxSnapshot = { steps: [], shipments: new Map() };
const listeners = new Set<() => void>();
const publish = (next: Partial<OutboxSnapshot>) => {
  snapshot = { ...snapshot, ...next };
  for (const l of listeners) l();
};

const reload = async () => {
  const all = await (await open()).getAll('steps');
  publish({ steps: all.filter((s) => s.userId === userId) });
};

let draining = false;
let timer: ReturnType<typeof setTimeout> | undefined;

type Sent = { outcome: 'sent'; shipment: PartnerShipment } | { outcome: 'refused'; error: ApiError } | { outcome: 'later' };

const post = (q: StepBody & { shipmentId: string; key: string }) =>
  request<PartnerShipment>('logistics', `/shipments/${encodeURIComponent(q.shipmentId)}/${q.action}`, {
    method: 'POST',
    headers: { 'idempotency-key': q.key },
    ...('body' in q ? { body: q.body } : {}),
  });

const current = (q: QueuedStep) =>
  request<PartnerShipment>('logistics', `/shipments/${encodeURIComponent(q.shipmentId)}`).catch(() => null);

const sendOne = async (q: QueuedStep): Promise<Sent> => {
  // A checkpoint whose earlier attempt got no answer may have been recorded: logistics would record it twice.
  if (q.action === 'checkpoints' && q.attempts > 0) {
    const s = await current(q);
    if (!s) return { outcome: 'later' };
    if (alreadyRecorded(q, s)) return { outcome: 'sent', shipment: s };
  }
  try {
    return { outcome: 'sent', shipment: await post(q) };
  } catch (err) {
    if (!(err instanceof ApiError) || isTransient(err.status)) return { outcome: 'later' };
    // the same step again is a 409 when the first attempt did arrive: then it is recorded, not refused
    if (err.status === 409 && q.attempts > 0) {
      const s = await current(q);
      if (s && alreadyRecorded(q, s)) return { outcome: 'sent', shipment: s };
    }
    return { outcome: 'refused', error: err };
  }
};

const schedule = (at: number) => {
  clearTimeout(timer);
  timer = setTimeout(() => void drain(), Math.max(0, at - Date.now()));
};

/** Sends the waiting steps in order until one must wait (no signal, the service down) or none is left. */
export const drain = async (): Promise<void> => {
  if (draining || !userId) return;
  draining = true;
  try {
    const d = await open();
    for (;;) {
      const next = (await d.getAll('steps')).find((s) => s.userId === userId && !s.refused);
      if (!next) break;
      if (next.notBefore > Date.now()) {
        schedule(next.notBefore);
        break;
      }
      const tried = { ...next, firstTriedAt: next.firstTriedAt ?? new Date().toISOString() };
      const r = await sendOne(tried);
      if (r.outcome === 'sent') {
        await d.delete('steps', next.id!);
        publish({ shipments: new Map(snapshot.shipments).set(next.shipmentId, r.shipment) });
        await keep(r.shipment);
      } else if (r.outcome === 'refused') {
        const refused = { status: r.error.status, detail: r.error.message, ...(r.error.code ? { code: r.error.code } : {}) };
        await d.put('steps', { ...tried, refused });
        // the screen shows where the shipment stands now (cancelled, say), not where it stood when the step was kept
        const now = await current(next);
        if (now) publish({ shipments: new Map(snapshot.shipments).set(next.shipmentId, now) });
      } else {
        const attempts = next.attempts + 1;
        await d.put('steps', { ...tried, attempts, notBefore: Date.now() + backoffMs(attempts) });
        await reload();
        // no signal: the `online` event tries again at once; otherwise the backoff's timer
        if (navigator.onLine) schedule(Date.now() + backoffMs(attempts));
        break;
      }
      await reload();
    }
  } finally {
    draining = false;
  }
};

/** Keep a step for later. `tried`: its request already left once with this key and got no answer. */
export const enqueue = async (shipmentId: string, step: StepBody, o: { key?: string; tried?: boolean } = {}) => {
  if (!userId) throw new Error('the outbox has no signed-in partner');
  const now = new Date();
  // a checkpoint sent once already keeps the body it was sent with (logistics stamped it, if it arrived)
  const time = step.action === 'checkpoints' && !o.tried ? checkpointTime(shipmentId, snapshot.steps, now) : undefined;
  const body = step.action === 'checkpoints' && time ? { ...step, body: { ...step.body, time } } : step;
  const q: QueuedStep = {
    ...body,
    key: o.key ?? newKey(),
    userId,
    shipmentId,
    recordedAt: now.toISOString(),
    attempts: o.tried ? 1 : 0,
    ...(o.tried ? { firstTriedAt: now.toISOString() } : {}),
    notBefore: o.tried ? Date.now() + backoffMs(1) : 0,
  };
  await (await open()).add('steps', q);
  await reload();
  if (navigator.onLine) void drain();
};

/** The partner read a refusal: it leaves the phone. */
export const dismiss = async (id: number) => {
  await (await open()).delete('steps', id);
  await reload();
};

/** Whether a new step of this shipment has to queue behind others (they go in order). */
export const hasWaiting = (shipmentId: string): boolean =>
  snapshot.steps.some((s) => s.shipmentId === shipmentId && !s.refused);

const onOnline = () => {
  // back online: what waits for its backoff goes now
  void (async () => {
    const d = await open();
    for (const s of await d.getAll('steps'))
      if (s.userId === userId && !s.refused && s.notBefore > 0) await d.put('steps', { ...s, notBefore: 0 });
    await drain();
  })();
};

/** Starts the outbox for the signed-in partner (once per person): loads what waits and sends it when it can. */
export const startOutbox = (who: string | null): void => {
  if (who === userId) return;
  userId = who;
  clearTimeout(timer);
  window.removeEventListener('online', onOnline);
  publish({ steps: [], shipments: new Map() });
  if (!who) return;
  window.addEventListener('online', onOnline);
  void reload().then(() => drain());
};

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
export const useOutbox = (): OutboxSnapshot => useSyncExternalStore(subscribe, () => snapshot);

/** A step, now when there is signal and nothing of this shipment waits; else, or when the network fails it, queued. */
export const recordStep = async (
  shipmentId: string,
  step: StepBody,
): Promise<{ queued: true } | { queued: false; shipment: PartnerShipment }> => {
  if (!navigator.onLine || hasWaiting(shipmentId)) {
    await enqueue(shipmentId, step);
    return { queued: true };
  }
  const key = newKey();
  try {
    const shipment = await post({ ...step, shipmentId, key });
    await keep(shipment);
    return { queued: false, shipment };
  } catch (err) {
    if (err instanceof ApiError && isTransient(err.status) && err.status !== 401) {
      await enqueue(shipmentId, step, { key, tried: true });
      return { queued: true };
    }
    throw err;
  }
};

/** The shipment as logistics last answered, kept for a page opened without signal (see `partnerShipment`). */
const keep = async (s: PartnerShipment) => {
  if (userId) await (await open()).put('shipments', { shipmentId: s.shipmentId, userId, shipment: s }).catch(() => undefined);
};

/**
 * A partner's shipment from logistics, kept on the phone each time it is read; without signal (or logistics out of
 * reach), the copy kept last, so that a page opened or reloaded on a farm lane still shows it and takes its steps.
 */
export const partnerShipment = async <S extends { shipmentId: string }>(
  shipmentId: string,
  load: () => Promise<S>,
  isPartnerView: (s: S) => s is S & PartnerShipment,
): Promise<S> => {
  try {
    const s = await load();
    if (isPartnerView(s)) await keep(s);
    return s;
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 0)) throw err;
    const kept = await (await open()).get('shipments', shipmentId).catch(() => undefined);
    if (kept && kept.userId === userId) return kept.shipment as unknown as S;
    throw err;
  }
};
