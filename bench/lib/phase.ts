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
}

const fmt = (v: number | null | undefined, unit = ''): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '-' : `${v.toFixed(v >= 100 ? 0 : 1)}${unit}`;

/**
 * One phase: orders at a fixed arrival rate (open model) for warmup + duration seconds, then up to
 * settleSeconds for the last ones to finish. Latencies start at each order's *scheduled* time, so a
 * late send (the bench falling behind) counts against the figures instead of hiding them.
 */
export const runPhase = async (o: PhaseOptions) => {
  const label = `[telemetry ${o.telemetry} @${o.rate}/s]`;
  const interval = 1000 / o.rate;
  const warmupCount = Math.round(o.rate * o.warmupSeconds);
  const total = warmupCount + Math.round(o.rate * o.durationSeconds);
  const recs: OrderRec[] = [];
  const measured: OrderRec[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });

  const start = performance.now() + 100;
  const measureStart = start + warmupCount * interval;
  const measureEnd = start + total * interval;
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
    // The schedule: order i is due at start + i * interval; a tick sends everything due (timers are coarse).
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (next < total && start + next * interval <= now && !o.aborted()) {
          if (next === warmupCount) {
            stage = 'measure';
            loop.reset();
            o.sampler.sample();
          }
          const rec = o.driver.place(next < warmupCount ? 'warmup' : 'measure', start + next * interval);
          recs.push(rec);
          if (next >= warmupCount) measured.push(rec);
          next++;
        }
        if (next >= total || o.aborted()) return resolve();
        setTimeout(tick, Math.max(0, Math.min(start + next * interval - performance.now(), 20)));
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
  const resources = o.sampler.window(p.measureStart, p.measureEnd + 500);
  const cpuMsPerOrder: Record<string, number | null> = {};
  for (const [name, r] of Object.entries(resources.processes)) {
    cpuMsPerOrder[name] =
      r.cpuSeconds === null || m.length === 0 ? null : round((r.cpuSeconds * 1000) / m.length, 2);
  }
  const servicesCpu = o.services.map((n) => resources.processes[n]?.cpuSeconds ?? null);
  cpuMsPerOrder.services =
    servicesCpu.some((v) => v === null) || m.length === 0
      ? null
      : round((servicesCpu.reduce((a, b) => a! + b!, 0)! * 1000) / m.length, 2);
  return {
    telemetry: o.telemetry,
    rate: o.rate,
    warmupSeconds: o.warmupSeconds,
    durationSeconds: o.durationSeconds,
    aborted: o.aborted() || p.sentAll < p.total,
    orders: {
      measured: m.length,
      accepted: m.filter((r) => r.status === 201).length,
      failedPosts: outcomes.failed,
      failures,
      rejected: outcomes.rejected,
      confirmed: confirmedCount,
      shipped: outcomes.shipped,
      /** Accepted, not rejected, and not confirmed when the settle time ran out. */
      notConfirmed: outcomes.in_flight,
      /** Confirmed, but not all of its shipments created when the settle time ran out. */
      notShipped: outcomes.confirmed,
      lostOrStuck: outcomes.in_flight + outcomes.confirmed + outcomes.failed,
      stuckStages,
      stuckSamples,
    },
    throughput: {
      offeredPerSecond: o.rate,
      sentPerSecond: round(lastSent > firstSent ? ((m.length - 1) * 1000) / (lastSent - firstSent) : NaN),
      confirmedPerSecond: round(perSecond(confirmedCount, lastConfirmed)),
      shippedPerSecond: round(perSecond(outcomes.shipped, lastShipped)),
      confirmedPerSecondTimeline: timeline,
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
