import { createHash } from 'node:crypto';
import {
  partnersOf,
  requirePartner,
  change,
  DomainError,
  isDomainError,
  reject,
  type Cause,
  type PageRequest,
  type Principal,
} from '@ftt/kit';
import { buildRun, DEFAULT_PLAN, loads, type Run, type RunStop } from '../domain/runs/run';
import { checkStop, decideRun, isLastPickup, isOutcome, type RunCommand } from '../domain/runs/run-decide';
import { LEGAL_FROM, type ShipmentCommand } from '../domain/shipment-decide';
import type { ShipmentStatus } from '../domain/shipment';
import type { Context } from './context';
import { stepShipment } from './shipment-steps';
import { actingOn, claimingFor, listedFor } from './acting';

/** How many open boxes of one day and region are planned at once (the rest wait for the next plan). */
const PLAN_LIMIT = 1000;

/** Derived from the load: planning the same boxes again inserts nothing. */
const runIdFor = (region: string, day: string, shipmentIds: string[]) =>
  `run-${createHash('sha256')
    .update(`${region}\u0000${day}\u0000${[...shipmentIds].sort().join(',')}`)
    .digest('hex')
    .slice(0, 24)}`;

const handle = (ctx: Context, runId: string, cmd: RunCommand, cause: Cause) =>
  ctx.handleRun(
    runId,
    (run, now) => (run ? decideRun(run, cmd, now) : reject('run.not_found', `no run ${runId}`)),
    cause,
  );

/**
 * Group the open boxes of a delivery day in a region into runs: van loads, each with its route. Boxes on a run of
 * that day already stay there; planning again only plans the boxes that came since.
 */
export const planRuns = async (ctx: Context, region: string, day: string, cause: Cause): Promise<Run[]> => {
  const existing = await ctx.runs.byDay(region, day);
  const onRuns = new Set(existing.flatMap((r) => r.shipmentIds));
  const open = (await ctx.shipments.openForDay(region, day, PLAN_LIMIT)).filter(
    (s) => !onRuns.has(s.shipmentId),
  );
  const now = ctx.clock().toISOString();
  for (const load of open.length ? loads(open, DEFAULT_PLAN.capacity) : []) {
    const runId = runIdFor(
      region,
      day,
      load.map((s) => s.shipmentId),
    );
    const { run, unroutable } = buildRun(runId, region, day, load, now);
    if (unroutable.length)
      ctx.log.warn({ runId, unroutable: unroutable.length }, 'boxes without coordinates left off the run');
    if (!run.stops.length) continue;
    await ctx.handleRun(
      runId,
      (current) => (current ? { kind: 'ignore', reason: 'planned already' } : change(run)),
      cause,
    );
    ctx.log.info(
      { runId, region, day, boxes: run.shipmentIds.length, km: run.lengthKm, naiveKm: run.naiveLengthKm },
      'run planned',
    );
  }
  return ctx.runs.byDay(region, day);
};

export const runsOfDay = (ctx: Context, region: string, day: string) => ctx.runs.byDay(region, day);
export const myRuns = (ctx: Context, caller: Principal, page: PageRequest) => ctx.runs.pageByPartner(listedFor(caller), page);

/**
 * A run and how much the caller sees: all of it for its partner's members and operators; an open one, without
 * personal data, to any partner's member.
 */
export const runFor = async (
  ctx: Context,
  caller: Principal,
  runId: string,
): Promise<{ run: Run; detail: 'full' | 'open' }> => {
  const run = await ctx.runs.get(runId);
  if (!run) throw new DomainError('run.not_found', `no run ${runId}`);
  if (run.status === 'open' && partnersOf(caller).length) return { run, detail: 'open' };
  requirePartner(caller, run.partnerId ?? '', 'shipments.read', 'run');
  return { run, detail: 'full' };
};

/** Each box's step, unless it took it already (a retried stop) or can no longer take it (then it is skipped, with why). */
const stepBoxes = async (
  ctx: Context,
  shipmentIds: string[],
  command: ShipmentCommand,
  doneWhen: readonly ShipmentStatus[],
  cause: Cause,
): Promise<RunStop['skipped']> => {
  const skipped: RunStop['skipped'] = [];
  for (const shipmentId of shipmentIds) {
    const s = await ctx.shipments.get(shipmentId);
    if (!s) {
      skipped.push({ shipmentId, reason: 'no such shipment' });
      continue;
    }
    if (doneWhen.includes(s.status)) continue;
    if (!LEGAL_FROM[command.kind].includes(s.status)) {
      skipped.push({ shipmentId, reason: `the shipment is ${s.status}` });
      continue;
    }
    try {
      await stepShipment(ctx, shipmentId, command, cause);
    } catch (err) {
      if (!isDomainError(err)) throw err;
      skipped.push({ shipmentId, reason: err.message });
    }
  }
  return skipped;
};

/** The partner a person claims a run for: theirs that serves the run's region (403 when they are no partner's member). */
export const runClaimant = async (ctx: Context, caller: Principal, runId: string): Promise<string> =>
  claimingFor(caller, (await ctx.runs.get(runId))?.region);

/**
 * Claim a run for `partnerId`: the run first (of concurrent claims one wins), then each of its boxes for the same
 * partner. A box someone took alone meanwhile, or one cancelled, leaves the run. Repeating the claim finishes an
 * interrupted one.
 */
export const claimRun = async (
  ctx: Context,
  partnerId: string,
  runId: string,
  cause: Cause,
): Promise<Run> => {
  const claimed = await handle(ctx, runId, { kind: 'claim', partnerId }, cause);
  const run = claimed.state!;
  if (run.partnerId !== partnerId)
    throw new DomainError('run.invalid_transition', 'the run was claimed by another partner');
  if (run.next > 0) return run;
  const refused = await stepBoxes(
    ctx,
    run.shipmentIds,
    { kind: 'claim', partnerId },
    ['assigned'],
    cause,
  );
  // 'assigned' to someone else is also "done" above: find those by partner.
  const others: string[] = [];
  for (const id of run.shipmentIds) {
    const s = await ctx.shipments.get(id);
    if (s && s.partnerId !== partnerId) others.push(id);
  }
  const leave = [...new Set([...refused.map((r) => r.shipmentId), ...others])];
  if (!leave.length) return run;
  ctx.log.info({ runId, left: leave.length }, 'boxes left the run at claim');
  return (await handle(ctx, runId, { kind: 'drop_shipments', shipmentIds: leave }, cause)).state!;
};

const loadStop = async (
  ctx: Context,
  caller: Principal,
  runId: string,
  seq: number,
  kind: RunStop['kind'],
) => {
  const run = await ctx.runs.get(runId);
  if (!run) throw new DomainError('run.not_found', `no run ${runId}`);
  // A member of the run's partner acts as the partner; anyone else is refused by checkStop (403).
  const partnerId = actingOn(caller, run.partnerId ?? undefined, 'shipments.move');
  const checked = checkStop(run, partnerId, seq, kind);
  if (isOutcome(checked)) {
    if (checked.kind === 'reject') throw new DomainError(checked.code, checked.message, checked.issues);
    return { run, stop: null, partnerId };
  }
  return { run, stop: checked, partnerId };
};

/**
 * The scan at a farm: every box of that farm on the run is picked up in one step (each through the order's pickup
 * gate, each with its own picked_up event). After the last farm the van leaves: every box on board is out for delivery.
 */
export const recordPickup = async (
  ctx: Context,
  caller: Principal,
  runId: string,
  seq: number,
  cause: Cause,
): Promise<Run> => {
  const { run, stop, partnerId } = await loadStop(ctx, caller, runId, seq, 'pickup');
  if (!stop) return run;
  const skipped = await stepBoxes(
    ctx,
    stop.shipmentIds,
    { kind: 'pick_up', partnerId },
    ['picked_up', 'out_for_delivery', 'delivered'],
    cause,
  );
  if (isLastPickup(run, seq)) {
    await stepBoxes(
      ctx,
      run.shipmentIds,
      { kind: 'send_out_for_delivery', partnerId },
      ['out_for_delivery', 'delivered'],
      cause,
    ).then(
      (notOut) =>
        notOut.length &&
        ctx.log.info({ runId, boxes: notOut.length }, 'boxes not on board when the van left'),
    );
  }
  return (await handle(ctx, runId, { kind: 'complete_stop', partnerId, seq, skipped }, cause)).state!;
};

/** A drop: every box for this place is delivered (each with its own delivered event and the proof). */
export const recordDrop = async (
  ctx: Context,
  caller: Principal,
  runId: string,
  seq: number,
  proof: { recipientName: string; proofRef: string; photoId?: string | undefined },
  cause: Cause,
): Promise<Run> => {
  const { run, stop, partnerId } = await loadStop(ctx, caller, runId, seq, 'drop');
  if (!stop) return run;
  const skipped = await stepBoxes(
    ctx,
    stop.shipmentIds,
    { kind: 'deliver', partnerId, ...proof },
    ['delivered'],
    cause,
  );
  return (await handle(ctx, runId, { kind: 'complete_stop', partnerId, seq, skipped }, cause)).state!;
};
