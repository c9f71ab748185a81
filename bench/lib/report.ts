import type { measureKafkaHop, measureMongoUpdates } from './floor';
import type { PhaseResult } from './phase';
import { round } from './stats';

/**
 * Kafka hops on the order path, from the design (each is one produce -> consume through the broker):
 * to confirmed:  order.placed -> catalog, stock.reserved -> orders, order.confirmed -> the bench
 *                (the pay call is HTTP, not a hop: the bench reacts to stock.reserved, which it
 *                 receives in parallel with orders, and retries until orders has created the payment)
 * to shipment:   order.placed -> catalog, stock.reserved -> orders, order.confirmed -> logistics,
 *                shipment.created -> the bench
 */
export const HOPS_TO_CONFIRMED = 3;
export const HOPS_TO_SHIPMENT = 4;

export interface Floor {
  kafka: Awaited<ReturnType<typeof measureKafkaHop>>;
  mongo: Awaited<ReturnType<typeof measureMongoUpdates>>;
}

export const ratios = (p: PhaseResult, floor: Floor | undefined) => {
  if (!floor) return undefined;
  const hop = floor.kafka.raw;
  const c = p.latencyMs.postToConfirmed;
  const s = p.latencyMs.postToShipment;
  const div = (a: number | null, b: number) =>
    a === null || !Number.isFinite(b) || b <= 0 ? null : round(a / b, 2);
  return {
    hopFloorToConfirmedMs: {
      p50: round(hop.p50 * HOPS_TO_CONFIRMED),
      p99: round(hop.p99 * HOPS_TO_CONFIRMED),
    },
    hopFloorToShipmentMs: { p50: round(hop.p50 * HOPS_TO_SHIPMENT), p99: round(hop.p99 * HOPS_TO_SHIPMENT) },
    confirmedP50VsFloor: div(c.p50, hop.p50 * HOPS_TO_CONFIRMED),
    confirmedP99VsFloor: div(c.p99, hop.p99 * HOPS_TO_CONFIRMED),
    shipmentP50VsFloor: div(s.p50, hop.p50 * HOPS_TO_SHIPMENT),
    shipmentP99VsFloor: div(s.p99, hop.p99 * HOPS_TO_SHIPMENT),
    /** Confirmed orders per second for each serial single-document update the database server does per second. */
    ordersPerDbUpdate: div(p.throughput.confirmedPerSecond, floor.mongo.serial.updatesPerSecond),
  };
};

export interface Verdict {
  target: string;
  phase: string;
  value: string;
  pass: boolean | null;
}

const phaseName = (p: PhaseResult) =>
  p.schedule
    ? `telemetry ${p.telemetry} overload ${p.schedule.map((s) => `${s.rate}`).join('->')}/s`
    : `telemetry ${p.telemetry} @${p.rate}/s`;
const SERVICES = ['catalog', 'orders', 'logistics'];

/** Total CPU ms per order of every process on the path (services, broker, database server); null if one is missing. */
export const cpuAllPerOrder = (p: PhaseResult): number | null => {
  const v = [...SERVICES, 'kafka', 'mongo'].map((n) => p.cpuMsPerOrder[n]);
  return v.some((x) => x == null) ? null : round(v.reduce((a, b) => a! + b!, 0)!, 2);
};

/** A phase at one rate that kept up: nothing lost, stuck, rejected or refused, and >= 97 % of the offered rate confirmed. */
export const keptUp = (p: PhaseResult) =>
  !p.schedule &&
  !p.aborted &&
  p.orders.lostOrStuck === 0 &&
  p.orders.rejected === 0 &&
  p.orders.refused === 0 &&
  (p.throughput.confirmedPerSecond ?? 0) >= 0.97 * p.rate;

/** Seconds from the end of the overload until every later second's p99 is under the target (null: never). */
export const recoverySeconds = (p: PhaseResult, targetMs: number): number | null => {
  const overload = p.schedule?.[0]?.seconds ?? 0;
  const tl = p.throughput.sendTimeline;
  for (let s = overload; s < tl.length; s++) {
    if (tl.slice(s).every((b) => b.refused === 0 && b.p99 !== null && b.p99 <= targetMs)) return s - overload;
  }
  return null;
};

export const P99_TARGET_MS = 250;

/** The performance issue's targets (goals, printed with pass/fail; see bench/README.md). */
export const targets = (phases: PhaseResult[], floor: Floor | undefined, comparison: ReturnType<typeof telemetryComparison> = []): Verdict[] => {
  const out: Verdict[] = [];
  const steady = phases.filter((p) => !p.schedule);
  for (const mode of ['on', 'off'] as const) {
    const ps = steady.filter((p) => p.telemetry === mode);
    if (!ps.length) continue;
    const best = ps.filter(keptUp).sort((a, b) => b.rate - a.rate)[0];
    const value = best
      ? `${best.throughput.confirmedPerSecond}/s confirmed at @${best.rate}/s, 0 lost/stuck (highest rate kept up of ${ps.map((p) => p.rate).join(', ')})`
      : `no rate kept up (${ps.map((p) => `@${p.rate}/s: ${p.throughput.confirmedPerSecond}/s, ${p.orders.lostOrStuck} lost/stuck, ${p.orders.refused} refused`).join('; ')})`;
    out.push({ target: '>= 60 orders/s sustained, 0 lost/stuck (minimum)', phase: `telemetry ${mode}`, value, pass: (best?.rate ?? 0) >= 60 });
    out.push({ target: '>= 150 orders/s sustained, 0 lost/stuck (goal)', phase: `telemetry ${mode}`, value, pass: (best?.rate ?? 0) >= 150 });
  }
  const at50 = steady.filter((p) => p.rate === 50);
  if (!at50.length) out.push({ target: `p99 POST->confirmed <= ${P99_TARGET_MS} ms @50/s`, phase: '-', value: 'not measured (needs --rate 50)', pass: null });
  for (const p of at50) {
    const p99 = p.latencyMs.postToConfirmed.p99;
    out.push({
      target: `p99 POST->confirmed <= ${P99_TARGET_MS} ms @50/s`,
      phase: phaseName(p),
      value: `${p99 ?? '-'} ms, ${p.orders.lostOrStuck} lost/stuck, ${p.orders.refused} refused`,
      pass: p99 !== null && p99 <= P99_TARGET_MS && keptUp(p),
    });
  }
  for (const p of steady.filter(keptUp)) {
    const r = ratios(p, floor);
    out.push({
      target: `saga p50 <= 10x hop floor x ${HOPS_TO_CONFIRMED} hops`,
      phase: phaseName(p),
      value: !r || r.confirmedP50VsFloor === null ? 'no floor' : `${r.confirmedP50VsFloor}x (${p.latencyMs.postToConfirmed.p50} ms vs ${r.hopFloorToConfirmedMs.p50} ms)`,
      pass: r?.confirmedP50VsFloor == null ? null : r.confirmedP50VsFloor <= 10,
    });
  }
  for (const p of steady) {
    const all = cpuAllPerOrder(p);
    out.push({
      target: 'CPU per order, all processes <= 12 ms',
      phase: phaseName(p),
      value: `${all ?? '-'} ms (${[...SERVICES, 'kafka', 'mongo'].map((n) => `${n} ${p.cpuMsPerOrder[n] ?? '-'}`).join(', ')})`,
      pass: all === null ? null : all <= 12,
    });
  }
  for (const p of phases) {
    const rss = SERVICES.map((n) => p.resources.processes[n]?.maxRssMb ?? null);
    out.push({
      target: 'each service <= 200 MB RSS',
      phase: phaseName(p),
      value: SERVICES.map((n, i) => `${n} ${rss[i] ?? '-'}`).join(', ') + ' MB',
      pass: rss.some((v) => v === null) ? null : rss.every((v) => v! <= 200),
    });
  }
  for (const c of comparison) {
    out.push({
      target: 'telemetry on costs <= 10 % throughput',
      phase: `@${c.rate}/s`,
      value: `CPU-bound capacity on/off ${c.capacityRatioOnOff} (${c.cpuBoundCapacityPerSecond.on} / ${c.cpuBoundCapacityPerSecond.off} orders/s); confirmed/s on/off ${c.throughputRatioOnOff}`,
      pass: c.capacityRatioOnOff === null ? null : c.capacityRatioOnOff >= 0.9,
    });
  }
  for (const p of phases.filter((x) => x.schedule)) {
    const rec = recoverySeconds(p, P99_TARGET_MS);
    out.push({
      target: 'overload: 0 accepted orders left unconfirmed (would expire)',
      phase: phaseName(p),
      value: `${p.orders.refused} refused (503), ${p.orders.accepted} accepted, ${p.orders.notConfirmed} accepted but not confirmed`,
      pass: p.orders.notConfirmed === 0,
    });
    out.push({
      target: `overload: p99 back <= ${P99_TARGET_MS} ms within 30 s of its end`,
      phase: phaseName(p),
      value: rec === null ? 'did not recover in the phase' : `${rec} s`,
      pass: rec !== null && rec <= 30,
    });
  }
  return out;
};

/**
 * Telemetry on vs off at each rate measured both ways. At a rate the system keeps up with, both
 * confirm what was offered (ratio ~1): the CPU per order and the capacity it implies show the cost.
 */
export const telemetryComparison = (phases: PhaseResult[], cpus: number) => {
  const out = [];
  for (const on of phases.filter((p) => p.telemetry === 'on' && !p.schedule)) {
    const off = phases.find((p) => p.telemetry === 'off' && p.rate === on.rate && !p.schedule);
    if (!off) continue;
    const div = (a: number | null | undefined, b: number | null | undefined) =>
      a == null || b == null || b === 0 ? null : round(a / b, 3);
    const cpuAll = (p: PhaseResult) => cpuAllPerOrder(p) ?? p.cpuMsPerOrder.services ?? null;
    const capacity = (p: PhaseResult) => {
      const c = cpuAll(p);
      return c ? round((cpus * 1000) / c, 0) : null;
    };
    out.push({
      rate: on.rate,
      confirmedPerSecond: { on: on.throughput.confirmedPerSecond, off: off.throughput.confirmedPerSecond },
      throughputRatioOnOff: div(on.throughput.confirmedPerSecond, off.throughput.confirmedPerSecond),
      p50Ms: { on: on.latencyMs.postToConfirmed.p50, off: off.latencyMs.postToConfirmed.p50 },
      p50RatioOnOff: div(on.latencyMs.postToConfirmed.p50, off.latencyMs.postToConfirmed.p50),
      p99RatioOnOff: div(on.latencyMs.postToConfirmed.p99, off.latencyMs.postToConfirmed.p99),
      servicesCpuMsPerOrder: { on: on.cpuMsPerOrder.services, off: off.cpuMsPerOrder.services },
      servicesCpuRatioOnOff: div(on.cpuMsPerOrder.services, off.cpuMsPerOrder.services),
      /** cpus x 1000 / CPU ms per order of services + Kafka + the database server: an upper bound if CPU-bound. */
      cpuBoundCapacityPerSecond: { on: capacity(on), off: capacity(off) },
      capacityRatioOnOff: div(capacity(on), capacity(off)),
    });
  }
  return out;
};

const pad = (s: unknown, w: number) => String(s ?? '-').padStart(w);

export const table = (phases: PhaseResult[], floor: Floor | undefined): string => {
  const lines: string[] = [];
  const head = [
    ['phase', 30],
    ['orders', 7],
    ['conf/s', 7],
    ['lost', 5],
    ['rej', 4],
    ['503', 6],
    ['p50', 7],
    ['p95', 7],
    ['p99', 7],
    ['max', 8],
    ['ship p50', 9],
    ['ship p99', 9],
    ['p50/floor', 10],
    ['rss c/o/l MB', 16],
    ['cpu ms/order', 13],
    ['all procs', 10],
  ] as const;
  lines.push(head.map(([h, w], i) => (i === 0 ? h.padEnd(w) : h.padStart(w))).join(' '));
  for (const p of phases) {
    const c = p.latencyMs.postToConfirmed;
    const s = p.latencyMs.postToShipment;
    const r = ratios(p, floor);
    const rss = SERVICES.map((n) => p.resources.processes[n]?.maxRssMb?.toFixed(0) ?? '-').join('/');
    lines.push(
      [
        phaseName(p).padEnd(30),
        pad(p.orders.measured, 7),
        pad(p.throughput.confirmedPerSecond, 7),
        pad(p.orders.lostOrStuck, 5),
        pad(p.orders.rejected, 4),
        pad(p.orders.refused, 6),
        pad(c.p50, 7),
        pad(c.p95, 7),
        pad(c.p99, 7),
        pad(c.max, 8),
        pad(s.p50, 9),
        pad(s.p99, 9),
        pad(r?.confirmedP50VsFloor ?? '-', 10),
        pad(rss, 16),
        pad(p.cpuMsPerOrder.services, 13),
        pad(cpuAllPerOrder(p), 10),
      ].join(' '),
    );
  }
  lines.push(
    "latencies in ms from each order's scheduled send time; p50/floor = p50 POST->confirmed / (hop p50 x 3)",
  );
  return lines.join('\n');
};

export const stageTable = (phases: PhaseResult[]): string => {
  const lines = [
    'stage (ms since scheduled send)'.padEnd(33) + phases.map((p) => phaseName(p).padStart(32)).join(''),
  ];
  const keys = Object.keys(phases[0]?.latencyMs.stages ?? {}) as (keyof PhaseResult['latencyMs']['stages'])[];
  for (const k of keys) {
    lines.push(
      k.padEnd(33) +
        phases
          .map((p) => {
            const s = p.latencyMs.stages[k];
            return `p50 ${s.p50 ?? '-'} p99 ${s.p99 ?? '-'} (n ${s.count})`.padStart(32);
          })
          .join(''),
    );
  }
  return lines.join('\n');
};
