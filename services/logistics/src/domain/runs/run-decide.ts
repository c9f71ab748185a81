import { change, ignore, reject, type Outcome } from '@ftt/kit/domain';
import type { Run, RunStop } from './run';

/** Runs emit no events of their own (nothing outside logistics consumes them): the shipments they step do. */
export type RunOutcome = Outcome<Run, never>;

export type RunCommand =
  | { kind: 'claim'; partnerId: string }
  /** Boxes that could not be claimed with the run (another partner took one alone, or it was cancelled). */
  | { kind: 'drop_shipments'; shipmentIds: string[] }
  | { kind: 'complete_stop'; partnerId: string; seq: number; skipped: RunStop['skipped'] };

/** Whether the partner may record this stop now: their run, under way, and the next stop in order, of that kind. */
export const checkStop = (
  run: Run,
  partnerId: string,
  seq: number,
  kind: RunStop['kind'],
): RunOutcome | RunStop => {
  if (run.partnerId !== partnerId)
    return reject('run.forbidden', 'only the partner who claimed the run may record its stops');
  const stop = run.stops[seq];
  if (!stop)
    return reject('run.not_found', `the run has no stop ${seq}`, [
      { field: 'seq', message: `0 to ${run.stops.length - 1}` },
    ]);
  // A retried stop (a lost reply), even the last one of a completed run, changes nothing.
  if (stop.status === 'done') return ignore(`stop ${seq} is recorded already`);
  if (run.status !== 'claimed' && run.status !== 'in_progress') {
    return reject('run.invalid_transition', `the run is ${run.status}; stops are recorded on a claimed run`);
  }
  if (seq !== run.next) {
    return reject('run.invalid_transition', `stops are recorded in order: the next is stop ${run.next}`, [
      { field: 'seq', message: `the next stop is ${run.next}` },
    ]);
  }
  if (stop.kind !== kind) {
    return reject('run.unprocessable', `stop ${seq} is a ${stop.kind}`, [
      { field: 'seq', message: `stop ${seq} is a ${stop.kind} stop` },
    ]);
  }
  return stop;
};

const isOutcome = (x: RunOutcome | RunStop): x is RunOutcome =>
  'kind' in x && (x.kind === 'change' || x.kind === 'ignore' || x.kind === 'reject');

/** Drop shipments from every stop; a stop left without boxes goes, and the rest are numbered again. */
const withoutShipments = (run: Run, ids: ReadonlySet<string>): Run => {
  const stops = run.stops
    .map((s) => ({ ...s, shipmentIds: s.shipmentIds.filter((id) => !ids.has(id)) }))
    .filter((s) => s.shipmentIds.length > 0)
    .map((s, seq) => ({ ...s, seq }));
  return { ...run, stops, shipmentIds: run.shipmentIds.filter((id) => !ids.has(id)) };
};

export const decideRun = (run: Run, cmd: RunCommand, now: Date): RunOutcome => {
  const iso = now.toISOString();
  switch (cmd.kind) {
    case 'claim':
      if (run.partnerId === cmd.partnerId) return ignore('the partner holds this run already');
      if (run.status !== 'open')
        return reject('run.invalid_transition', `the run is ${run.status}; only an open run can be claimed`);
      return change({ ...run, status: 'claimed', partnerId: cmd.partnerId, claimedAt: iso, updatedAt: iso });
    case 'drop_shipments': {
      const ids = new Set(cmd.shipmentIds.filter((id) => run.shipmentIds.includes(id)));
      if (!ids.size) return ignore('none of these shipments is on the run');
      if (run.next > 0)
        return reject('run.invalid_transition', 'boxes leave a run only before its first stop');
      return change({ ...withoutShipments(run, ids), updatedAt: iso });
    }
    case 'complete_stop': {
      const checked = checkStop(run, cmd.partnerId, cmd.seq, run.stops[cmd.seq]?.kind ?? 'pickup');
      if (isOutcome(checked)) return checked;
      const stops = run.stops.map((s) =>
        s.seq === cmd.seq ? { ...s, status: 'done' as const, doneAt: iso, skipped: cmd.skipped } : s,
      );
      const next = cmd.seq + 1;
      const done = next >= stops.length;
      return change({
        ...run,
        stops,
        next,
        status: done ? 'completed' : 'in_progress',
        ...(done ? { completedAt: iso } : {}),
        updatedAt: iso,
      });
    }
    default: {
      const never: never = cmd;
      throw new Error(`unknown run command ${JSON.stringify(never)}`);
    }
  }
};

/** Whether stop `seq` is the run's last pickup: the van then leaves for the drops, every box on board is out for delivery. */
export const isLastPickup = (run: Run, seq: number): boolean =>
  run.stops[seq]?.kind === 'pickup' && run.stops[seq + 1]?.kind !== 'pickup';

export { isOutcome };
