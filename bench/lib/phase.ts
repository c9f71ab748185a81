import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sleep } from './kafka';
import type { OrderDriver, OrderRec } from './load';
import type { ProcSampler } from './proc';
import { histogram, percentile, round, roundSummary, summarize } from './stats';

export interface PhaseOptions {
  telemetry: 'on' | 'off';
  rate: number;
  warmupSeconds: number;
  durationSeconds: number;
  settleSeconds: number;
  driver: OrderDriver;
  sampler: ProcSampler;
  /** Names of the service processes (for CPU per order). */
  services: string[];
  aborted: () => boolean;
  log: (line: string) => void;
  /**
   * Rates for the measured window, one after another (e.g. 2x the sustained rate for 30 s, then 50/s): replaces
   * `rate` for `durationSeconds` (the warmup still runs at `rate`). Used by the overload phase.
   */
  schedule?: { rate: number; seconds: number }[];
}

/** Offsets (ms from the start) at which each order is due: warmup at `rate`, then the schedule's steps. */
const dueOffsets = (o: PhaseOptions): { offsets: number[]; warmupCount: number } => {
  const offsets: number[] = [];
  const warmupCount = Math.round(o.rate * o.warmupSeconds);
  for (let i = 0; i < warmupCount; i++) offsets.push((i * 1000) / o.rate);
  let t = warmupCount * (1000 / o.rate);
  for (const step of o.schedule ?? [{ rate: o.rate, seconds: o.durationSeconds }]) {
    const n = Math.round(step.rate * step.seconds);
    for (let i = 0; i < n; i++) offsets.push(t + (i * 1000) / step.rate);
    t += step.seconds * 1000;
  }
  return { offsets, warmupCount };
};

const fmt = (v: number | null | undefined, unit = ''): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '-' : `${v.toFixed(v >= 100 ? 0 : 1)}${unit}`;

/**
 * One phase: orders at a fixed arrival rate (open model) for warmup + duration seconds, then up to
 * settleSeconds for the last ones to finish. Latencies start at each order's *scheduled* time, so a
 * late send (the bench falling behind) counts against the figures instead of hiding them.
 */
export const runPhase = async (o: PhaseOptions) => {
  const label = o.schedule
    ? `[telemetry ${o.telemetry} ${o.schedule.map((s) => `${s.rate}/s x ${s.seconds}s`).join(' then ')}]`
    : `[telemetry ${o.telemetry} @${o.rate}/s]`;
  const { offsets, warmupCount } = dueOffsets(o);
  const total = offsets.length;
  const measuredMs = (o.schedule ?? [{ seconds: o.durationSeconds }]).reduce((t, s) => t + s.seconds * 1000, 0);
  const recs: OrderRec[] = [];
  const measured: OrderRec[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });

  const start = performance.now() + 100;
  const measureStart = start + warmupCount * (1000 / o.rate);
  const measureEnd = measureStart + measuredMs;
  let next = 0;
  let stage: 'warmup' | 'measure' | 'settle' = warmupCount > 0 ? 'warmup' : 'measure';

  const progress = () => {
    const now = performance.now();
    let confirmed = 0;
    let shipped = 0;
    let failed = 0;
    let rejected = 0;
    let inFlight = 0;
    const all: number[] = [];
    const recent: number[] = [];
    for (const r of recs) {
      const out = o.driver.outcome(r);
      if (out === 'failed') failed++;
      else if (out === 'in_flight') inFlight++;
      else if (out === 'rejected') rejected++;
      if (out === 'confirmed' || out === 'shipped') {
        confirmed++;
        const c = r.seen!.confirmedAt! - r.intended;
        all.push(c);
        if (now - r.seen!.confirmedAt! <= 1000) recent.push(c);
      }
      if (out === 'shipped') shipped++;
    }
    all.sort((a, b) => a - b);
    recent.sort((a, b) => a - b);
    const s = o.sampler.latest();
    const mb = (n: string) => fmt(s?.rss[n] === undefined ? undefined : s.rss[n]! / 2 ** 20);
    const elapsed = Math.max(0, (now - start) / 1000);
    o.log(
      `${label} ${stage.padEnd(7)} ${elapsed.toFixed(0).padStart(4)}s  sent ${String(recs.length).padStart(6)}  ` +
        `confirmed ${String(confirmed).padStart(6)}  shipped ${String(shipped).padStart(6)}  in flight ${String(inFlight).padStart(5)}  ` +
        `failed ${failed}${rejected ? `  rejected ${rejected}` : ''}  p50 ${fmt(percentile(recent, 50), 'ms')} (last 1s) ${fmt(percentile(all, 50), 'ms')} (all)  ` +
        `p99 ${fmt(percentile(all, 99), 'ms')}  rss ${o.services.map((n) => `${n} ${mb(n)}`).join(' ')} MB`,
    );
  };

  loop.enable();
  o.sampler.sample();
  const ticker = setInterval(progress, 1000);
  try {
    // The schedule: order i is due at start + offsets[i]; a tick sends everything due (timers are coarse).
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (next < total && start + offsets[next]! <= now && !o.aborted()) {
          if (next === warmupCount) {
            stage = 'measure';
            loop.reset();
            o.sampler.sample();
          }
          const rec = o.driver.place(next < warmupCount ? 'warmup' : 'measure', start + offsets[next]!);
          recs.push(rec);
          if (next >= warmupCount) measured.push(rec);
          next++;
        }
        if (next >= total || o.aborted()) return resolve();
        setTimeout(tick, Math.max(0, Math.min(start + offsets[next]! - performance.now(), 20)));
      };
      setTimeout(tick, Math.max(0, start - performance.now()));
    });
    o.sampler.sample();
    const loopDelay = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
    stage = 'settle';
    const settleUntil = performance.now() + o.settleSeconds * 1000;
    while (!o.aborted() && performance.now() < settleUntil && !recs.every((r) => o.driver.done(r))) {
      await sleep(100);
    }
    const settledAt = performance.now();
    progress();
    return summarizePhase(o, {
      measured,
      measureStart,
      measureEnd,
      settledAt,
      loopDelay,
      sentAll: next,
      total,
    });
  } finally {
    clearInterval(ticker);
    loop.disable();
  }
};

const ms = (xs: number[]) => roundSummary(summarize(xs));

const summarizePhase = (
  o: PhaseOptions,
  p: {
    measured: OrderRec[];
    measureStart: number;
    measureEnd: number;
    settledAt: number;
    loopDelay: { p99: number; max: number };
    sentAll: number;
    total: number;
  },
) => {
  const d = o.driver;
  const m = p.measured;
  const outcomes = { failed: 0, rejected: 0, shipped: 0, confirmed: 0, in_flight: 0 };
  const failures: Record<string, number> = {};
  const stuckStages: Record<string, number> = {};
  const stuckSamples: { orderId?: string; stage: string }[] = [];
  for (const r of m) {
    const out = d.outcome(r);
    outcomes[out]++;
    if (out === 'failed')
      failures[r.error ?? `HTTP ${r.status}`] = (failures[r.error ?? `HTTP ${r.status}`] ?? 0) + 1;
    if (out === 'in_flight' || out === 'confirmed') {
      const st = d.stage(r);
      stuckStages[st] = (stuckStages[st] ?? 0) + 1;
      if (stuckSamples.length < 10)
        stuckSamples.push({ ...(r.orderId ? { orderId: r.orderId } : {}), stage: st });
    }
  }
  const since = (pick: (r: OrderRec) => number | undefined) =>
    m
      .map((r) => {
        const v = pick(r);
        return v === undefined ? undefined : v - r.intended;
      })
      .filter((v): v is number => v !== undefined);
  const confirmedLat = since((r) => r.seen?.confirmedAt);
  const shippedLat = since((r) =>
    r.seen && r.seen.shipments.size >= r.farms ? r.seen.lastShipmentAt : undefined,
  );
  let lastConfirmed = -Infinity;
  let lastShipped = -Infinity;
  let firstSent = Infinity;
  let lastSent = -Infinity;
  for (const r of m) {
    const s = r.seen;
    if (s?.confirmedAt !== undefined) lastConfirmed = Math.max(lastConfirmed, s.confirmedAt);
    if (s && s.shipments.size >= r.farms && s.lastShipmentAt !== undefined)
      lastShipped = Math.max(lastShipped, s.lastShipmentAt);
    if (r.postStart !== undefined) {
      firstSent = Math.min(firstSent, r.postStart);
      lastSent = Math.max(lastSent, r.postStart);
    }
  }
  const confirmedCount = outcomes.confirmed + outcomes.shipped;
  const perSecond = (n: number, until: number) =>
    until > p.measureStart ? n / ((until - p.measureStart) / 1000) : NaN;
  // Confirmations of measured orders in each second from the start of the measured window through
  // settling (by arrival time): flat at the rate while the system keeps up, a tail while it drains.
  const timeline = new Array<number>(Math.max(1, Math.ceil((p.settledAt - p.measureStart) / 1000))).fill(0);
  for (const r of m) {
    const c = r.seen?.confirmedAt;
    if (c === undefined) continue;
    const i = Math.floor((c - p.measureStart) / 1000);
    if (i >= 0 && i < timeline.length) timeline[i]!++;
  }
  // Per second of the measured window, by scheduled send time: what was offered, accepted and refused (503),
  // and the p99 POST->confirmed of the orders sent in that second (the overload phase's recovery timeline).
  const bySecond = new Array<{ offered: number; accepted: number; refused: number; confirmed: number; lat: number[] }>(
    Math.max(1, Math.ceil((p.measureEnd - p.measureStart) / 1000)),
  )
    .fill(undefined as never)
    .map(() => ({ offered: 0, accepted: 0, refused: 0, confirmed: 0, lat: [] as number[] }));
  for (const r of m) {
    const b = bySecond[Math.min(bySecond.length - 1, Math.max(0, Math.floor((r.intended - p.measureStart) / 1000)))]!;
    b.offered++;
    if (r.status === 201) b.accepted++;
    if (r.status === 503) b.refused++;
    if (r.seen?.confirmedAt !== undefined) {
      b.confirmed++;
      b.lat.push(r.seen.confirmedAt - r.intended);
    }
  }
  const sendTimeline = bySecond.map(({ lat, ...b }) => {
    lat.sort((x, y) => x - y);
    return { ...b, p50: lat.length ? round(percentile(lat, 50)) : null, p99: lat.length ? round(percentile(lat, 99)) : null };
  });
  const resources = o.sampler.window(p.measureStart, p.measureEnd + 500);
  // Per order accepted (201): a refused one (503) costs next to nothing, and counting it would flatter the figure.
  const accepted = m.filter((r) => r.status === 201).length;
  const cpuMsPerOrder: Record<string, number | null> = {};
  for (const [name, r] of Object.entries(resources.processes)) {
    cpuMsPerOrder[name] =
      r.cpuSeconds === null || accepted === 0 ? null : round((r.cpuSeconds * 1000) / accepted, 2);
  }
  const servicesCpu = o.services.map((n) => resources.processes[n]?.cpuSeconds ?? null);
  cpuMsPerOrder.services =
    servicesCpu.some((v) => v === null) || accepted === 0
      ? null
      : round((servicesCpu.reduce((a, b) => a! + b!, 0)! * 1000) / accepted, 2);
  return {
    telemetry: o.telemetry,
    rate: o.rate,
    ...(o.schedule ? { schedule: o.schedule } : {}),
    warmupSeconds: o.warmupSeconds,
    durationSeconds: o.durationSeconds,
    aborted: o.aborted() || p.sentAll < p.total,
    orders: {
      measured: m.length,
      accepted: m.filter((r) => r.status === 201).length,
      /** POST /orders answered 503 (backpressure: nothing stored, the buyer is told to come back). */
      refused: m.filter((r) => r.status === 503).length,
      failedPosts: outcomes.failed,
      failures,
      rejected: outcomes.rejected,
      confirmed: confirmedCount,
      shipped: outcomes.shipped,
      /** Accepted, not rejected, and not confirmed when the settle time ran out. */
      notConfirmed: outcomes.in_flight,
      /** Confirmed, but not all of its shipments created when the settle time ran out. */
      notShipped: outcomes.confirmed,
      /** Refused orders (503) are not lost: nothing was stored and the buyer was told to come back. */
      lostOrStuck: outcomes.in_flight + outcomes.confirmed + outcomes.failed - m.filter((r) => r.status === 503).length,
      stuckStages,
      stuckSamples,
    },
    throughput: {
      offeredPerSecond: o.rate,
      sentPerSecond: round(lastSent > firstSent ? ((m.length - 1) * 1000) / (lastSent - firstSent) : NaN),
      confirmedPerSecond: round(perSecond(confirmedCount, lastConfirmed)),
      shippedPerSecond: round(perSecond(outcomes.shipped, lastShipped)),
      confirmedPerSecondTimeline: timeline,
      sendTimeline,
      settleSeconds: round((p.settledAt - p.measureEnd) / 1000),
    },
    latencyMs: {
      postToConfirmed: ms(confirmedLat),
      postToShipment: ms(shippedLat),
      stages: {
        sendLag: ms(since((r) => r.postStart)),
        postReply: ms(since((r) => r.postEnd)),
        placedSeen: ms(since((r) => r.seen?.placedAt)),
        reservedSeen: ms(since((r) => r.seen?.reservedAt)),
        paid: ms(since((r) => r.payOk)),
        confirmedSeen: ms(confirmedLat),
        shipmentsSeen: ms(shippedLat),
      },
      postRoundTrip: ms(m.filter((r) => r.postEnd !== undefined).map((r) => r.postEnd! - r.postStart!)),
    },
    payAttempts: roundSummary(summarize(m.filter((r) => r.payAttempts > 0).map((r) => r.payAttempts))),
    resources,
    cpuMsPerOrder,
    bench: { eventLoopDelayP99Ms: round(p.loopDelay.p99), eventLoopDelayMaxMs: round(p.loopDelay.max) },
    histogram: { confirmed: histogram(confirmedLat).counts, shipment: histogram(shippedLat).counts },
  };
};

export type PhaseResult = ReturnType<typeof summarizePhase>;
