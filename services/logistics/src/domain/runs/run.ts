import { Address, MarketCode } from '@ftt/contracts';
import { z } from 'zod';
import type { Shipment } from '../shipment';
import { distanceKm, locate, type Point } from './geo';
import { DEFAULT_ROUTE_SETTINGS, planRoute, type RouteSettings, type RouteStop } from './route';

/**
 * A run: one partner's trip on one delivery day in one region. Logistics' own aggregate, internal (no other service
 * consumes it): traceability stays per box, so every step still changes each shipment and emits its own events.
 * One pickup stop per farm (all that farm's boxes at once), then the drops (pickup points, home addresses) in an
 * optimized order.
 */
export type RunStatus = 'open' | 'claimed' | 'in_progress' | 'completed';

export interface RunStop {
  seq: number;
  kind: 'pickup' | 'drop';
  /** 'farm:<id>', 'point:<id>' or 'home:<postcode>|<street>': the same place on every plan. */
  key: string;
  label: string;
  address: Address;
  at: Point;
  /** Opening hours of a pickup point, local time. */
  window?: { opens: string; closes: string } | undefined;
  /** Who receives a home drop (personal: shown to the run's partner only). */
  contact?: string | undefined;
  /** Planned arrival, local time 'HH:MM'. */
  eta: string;
  shipmentIds: string[];
  status: 'pending' | 'done';
  doneAt?: string | undefined;
  /** Boxes of the stop that could not take the step (e.g. the order was cancelled), and why. */
  skipped: { shipmentId: string; reason: string }[];
}

export interface Run {
  runId: string;
  region: string;
  /** The market of its boxes (one region is in one market; absent on runs of boxes before markets: nl). */
  market?: string | undefined;
  day: string;
  status: RunStatus;
  partnerId: string | null;
  stops: RunStop[];
  /** Index of the next stop to record; stops are recorded in order. */
  next: number;
  shipmentIds: string[];
  lengthKm: number;
  naiveLengthKm: number;
  lateMinutes: number;
  createdAt: string;
  updatedAt: string;
  claimedAt?: string | undefined;
  completedAt?: string | undefined;
}

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** What a run document holds, less the kit's fields (the aggregate's state schema: the decider tests parse every state with it). */
export const RunState: z.ZodType<Run> = z.strictObject({
  runId: z.string().min(1),
  region: z.string().min(1),
  market: MarketCode.optional(),
  day: z.iso.date(),
  status: z.enum(['open', 'claimed', 'in_progress', 'completed']),
  partnerId: z.string().min(1).nullable(),
  stops: z.array(
    z.strictObject({
      seq: z.number().int().min(0),
      kind: z.enum(['pickup', 'drop']),
      key: z.string().min(1),
      label: z.string(),
      address: Address,
      at: z.strictObject({ lat: z.number(), lng: z.number() }),
      window: z.strictObject({ opens: LocalTime, closes: LocalTime }).optional(),
      contact: z.string().optional(),
      eta: LocalTime,
      shipmentIds: z.array(z.string().min(1)),
      status: z.enum(['pending', 'done']),
      doneAt: z.iso.datetime().optional(),
      skipped: z.array(z.strictObject({ shipmentId: z.string().min(1), reason: z.string() })),
    }),
  ),
  next: z.number().int().min(0),
  shipmentIds: z.array(z.string().min(1)),
  lengthKm: z.number().min(0),
  naiveLengthKm: z.number().min(0),
  lateMinutes: z.number().min(0),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  claimedAt: z.iso.datetime().optional(),
  completedAt: z.iso.datetime().optional(),
});

/** Shipments whose places cannot be located (a postcode outside the bundled table) cannot be routed. */
export interface Unroutable {
  shipmentId: string;
  reason: string;
}

export interface PlanSettings {
  /** Boxes (shipments) one van carries at most; more boxes make more runs. */
  capacity: number;
  route: RouteSettings;
}

export const DEFAULT_PLAN: PlanSettings = { capacity: 80, route: DEFAULT_ROUTE_SETTINGS };

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};
const hhmm = (mins: number) => {
  const m = Math.round(mins);
  return `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

interface Place {
  key: string;
  kind: 'pickup' | 'drop';
  label: string;
  address: Address;
  at: Point;
  window?: { opens: string; closes: string } | undefined;
  contact?: string | undefined;
  shipmentIds: string[];
}

const dropPlace = (s: Shipment, at: Point): Omit<Place, 'shipmentIds'> => {
  const a = s.dropoff.address;
  if (s.drop?.kind === 'pickup_point') {
    return {
      key: `point:${s.drop.pickupPointId}`,
      kind: 'drop',
      label: s.drop.name,
      address: a,
      at,
      window: { opens: s.drop.opens, closes: s.drop.closes },
    };
  }
  return {
    key: `home:${a.postalCode}|${a.line1}`,
    kind: 'drop',
    label: `${a.line1}, ${a.city}`,
    address: a,
    at,
    contact: s.dropoff.contactName,
  };
};

/** The places of a set of shipments: a pickup per farm, a drop per pickup point or home address. */
const placesOf = (shipments: readonly Shipment[]): { places: Place[]; unroutable: Unroutable[] } => {
  const byKey = new Map<string, Place>();
  const unroutable: Unroutable[] = [];
  for (const s of shipments) {
    const from = locate(s.pickupAddress);
    const to = locate(s.dropoff.address);
    if (!from || !to) {
      unroutable.push({
        shipmentId: s.shipmentId,
        reason: `no coordinates for postcode ${from ? s.dropoff.address.postalCode : s.pickupAddress.postalCode}`,
      });
      continue;
    }
    const pickup = {
      key: `farm:${s.farmId}`,
      kind: 'pickup' as const,
      label: s.farmName,
      address: s.pickupAddress,
      at: from,
    };
    for (const p of [pickup, dropPlace(s, to)]) {
      const seen = byKey.get(p.key);
      if (seen) seen.shipmentIds.push(s.shipmentId);
      else byKey.set(p.key, { ...p, shipmentIds: [s.shipmentId] });
    }
  }
  return { places: [...byKey.values()], unroutable };
};

/**
 * Split the shipments into van loads by sweeping around the centre of their drops (a classic clustering for
 * vehicle routing): neighbours by bearing share a van. Below capacity this is one load, in arrival order.
 */
export const loads = (shipments: readonly Shipment[], capacity: number): Shipment[][] => {
  if (shipments.length <= capacity) return [[...shipments]];
  const located = shipments.map((s) => ({ s, at: locate(s.dropoff.address) ?? { lat: 0, lng: 0 } }));
  const lat = located.reduce((n, x) => n + x.at.lat, 0) / located.length;
  const lng = located.reduce((n, x) => n + x.at.lng, 0) / located.length;
  const sorted = [...located].sort(
    (a, b) =>
      Math.atan2(a.at.lat - lat, a.at.lng - lng) - Math.atan2(b.at.lat - lat, b.at.lng - lng) ||
      a.s.createdAt.localeCompare(b.s.createdAt),
  );
  const out: Shipment[][] = [];
  for (let i = 0; i < sorted.length; i += capacity) out.push(sorted.slice(i, i + capacity).map((x) => x.s));
  return out;
};

/**
 * One run of a van load: the places in the order of the route plan (naive = pickups then drops in the order the
 * shipments arrived), with the planned arrival at each. `runId` is given by the caller (derived from the load).
 */
export const buildRun = (
  runId: string,
  region: string,
  day: string,
  shipments: readonly Shipment[],
  now: string,
  s: PlanSettings = DEFAULT_PLAN,
): { run: Run; unroutable: Unroutable[] } => {
  const ordered = [...shipments].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.shipmentId.localeCompare(b.shipmentId),
  );
  const { places, unroutable } = placesOf(ordered);
  const routeStops: RouteStop[] = places.map((p) => ({
    id: p.key,
    kind: p.kind,
    at: p.at,
    ...(p.window ? { window: { from: minutes(p.window.opens), to: minutes(p.window.closes) } } : {}),
  }));
  const plan = planRoute(routeStops, s.route);
  const byKey = new Map(places.map((p) => [p.key, p]));
  const stops: RunStop[] = plan.stops.map((r, i) => {
    const p = byKey.get(r.id)!;
    return {
      seq: i,
      kind: p.kind,
      key: p.key,
      label: p.label,
      address: p.address,
      at: p.at,
      ...(p.window ? { window: p.window } : {}),
      ...(p.contact ? { contact: p.contact } : {}),
      eta: hhmm(plan.timing.arrivals[i]!),
      shipmentIds: p.shipmentIds,
      status: 'pending',
      skipped: [],
    };
  });
  const routed = new Set(places.flatMap((p) => p.shipmentIds));
  return {
    run: {
      runId,
      region,
      ...(ordered[0]?.market ? { market: ordered[0].market } : {}),
      day,
      status: 'open',
      partnerId: null,
      stops,
      next: 0,
      shipmentIds: ordered.map((x) => x.shipmentId).filter((id) => routed.has(id)),
      lengthKm: round(plan.timing.lengthKm),
      naiveLengthKm: round(plan.naive.lengthKm),
      lateMinutes: Math.round(plan.timing.lateMinutes),
      createdAt: now,
      updatedAt: now,
    },
    unroutable,
  };
};

const round = (km: number) => Math.round(km * 100) / 100;

/** The straight-line legs of the run in its order, for the route sketch. */
export const legsKm = (run: Pick<Run, 'stops'>): number[] =>
  run.stops.slice(1).map((stop, i) => round(distanceKm(run.stops[i]!.at, stop.at)));
