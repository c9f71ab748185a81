/**
 * Delivery days and their order cut-off, in the region's own time zone (its market's: Europe/Amsterdam for nl), so
 * "orders by Tuesday 18:00 for Thursday" means 18:00 on the Dutch wall clock in summer and in winter alike.
 * Pure: the clock comes in as `now`; dates are 'YYYY-MM-DD' strings of the local calendar.
 */
export interface DeliveryRule {
  /** ISO weekday of the delivery: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Orders are taken until `cutoffTime` local time, `cutoffDaysBefore` days before the delivery day. */
  cutoffDaysBefore: number;
  cutoffTime: string;
}

export interface DeliverySchedule {
  region: string;
  /** The market of the region (issue #31); its time zone is the market's. */
  market?: string | undefined;
  timeZone: string;
  rules: DeliveryRule[];
}

export interface DeliveryDay {
  day: string;
  cutoff: string;
}

/** How far ahead a buyer may choose (and the search for the next day looks). */
export const HORIZON_DAYS = 28;

const parts = (instant: Date, timeZone: string) => {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return { y: +p.year!, m: +p.month!, d: +p.day!, h: +p.hour!, min: +p.minute!, s: +p.second! };
};

/** The local calendar date of an instant. */
export const localDate = (instant: Date, timeZone: string): string => {
  const p = parts(instant, timeZone);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
};

/** The instant a local wall-clock time happens ('2026-03-29', '18:00' in Amsterdam -> 16:00Z, after the clocks moved). */
export const zonedInstant = (date: string, time: string, timeZone: string): Date => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, min);
  const offsetAt = (t: number) => {
    const p = parts(new Date(t), timeZone);
    return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - t;
  };
  // The offset at the guess may differ from the offset at the answer across a clock change: look twice.
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
};

export const addDays = (date: string, days: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

export const isoWeekday = (date: string): number => {
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
};

const ruleFor = (s: DeliverySchedule, date: string) => s.rules.find((r) => r.weekday === isoWeekday(date));

/** When orders for this delivery day close, or null when the region delivers not on that weekday. */
export const cutoffOf = (s: DeliverySchedule, day: string): Date | null => {
  const rule = ruleFor(s, day);
  return rule ? zonedInstant(addDays(day, -rule.cutoffDaysBefore), rule.cutoffTime, s.timeZone) : null;
};

/** The delivery days still open for orders at `now`, soonest first, within the horizon. */
export const upcomingDays = (s: DeliverySchedule, now: Date, count = 6): DeliveryDay[] => {
  const today = localDate(now, s.timeZone);
  const out: DeliveryDay[] = [];
  for (let i = 0; i <= HORIZON_DAYS && out.length < count; i++) {
    const day = addDays(today, i);
    const cutoff = cutoffOf(s, day);
    if (cutoff && cutoff.getTime() > now.getTime()) out.push({ day, cutoff: cutoff.toISOString() });
  }
  return out;
};

export type DayChoice =
  { kind: 'day'; day: string; cutoff: string; moved: boolean } | { kind: 'invalid'; message: string };

/**
 * The day an order placed at `now` is delivered. A chosen day whose cut-off has passed moves to the next delivery day
 * still open (the order is not refused: the buyer sees the day before paying); no choice = the soonest open day.
 * A weekday the region does not deliver on, or a day beyond the horizon, is invalid.
 */
export const resolveDeliveryDay = (s: DeliverySchedule, now: Date, requested?: string): DayChoice => {
  const open = upcomingDays(s, now, HORIZON_DAYS);
  if (requested === undefined) {
    const first = open[0];
    return first
      ? { kind: 'day', ...first, moved: false }
      : { kind: 'invalid', message: `no delivery day open in ${s.region}` };
  }
  if (!ruleFor(s, requested))
    return { kind: 'invalid', message: `${s.region} has no delivery on ${requested}` };
  if (requested > addDays(localDate(now, s.timeZone), HORIZON_DAYS)) {
    return { kind: 'invalid', message: `delivery days can be chosen up to ${HORIZON_DAYS} days ahead` };
  }
  const next = open.find((d) => d.day >= requested);
  return next
    ? { kind: 'day', ...next, moved: next.day !== requested }
    : { kind: 'invalid', message: `no delivery day open in ${s.region} after ${requested}` };
};
