import { dateLocale } from './locale';
import type { Money } from '../api/types';
import { nounFor } from './plural';

const moneyFormats = new Map<string, Intl.NumberFormat>();

export const formatMoney = (m: Money): string => {
  let f = moneyFormats.get(m.currency);
  if (!f) {
    f = new Intl.NumberFormat('en-IE', { style: 'currency', currency: m.currency });
    moneyFormats.set(m.currency, f);
  }
  return f.format(m.amount / 100);
};

/** Date formats in the person's language (lib/locale.ts), made once per language. */
const formats = new Map<string, Intl.DateTimeFormat>();
const fmt = (name: string, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const key = `${dateLocale()}|${name}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(dateLocale(), o);
    formats.set(key, f);
  }
  return f;
};

export const formatDateTime = (iso: string): string =>
  fmt('dateTime', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
/** ISO calendar dates (harvest, best before) are days, not instants: shown without a time zone shift. */
export const formatDate = (isoDate: string): string =>
  fmt('dateOnly', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${isoDate.slice(0, 10)}T00:00:00Z`),
  );

/** An instant within the coming days, short enough for a phone's select: "Tue 8 Dec, 18:00". */
export const formatSoon = (iso: string): string =>
  fmt('soon', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

/** A delivery day as a buyer plans it, short enough for a phone's select: "Thu 10 Dec". */
export const formatDay = (isoDate: string): string =>
  fmt('day', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${isoDate.slice(0, 10)}T00:00:00Z`),
  );

export const humanize = (s: string): string => {
  const t = s.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
};

const PLURALS: Record<string, string> = {
  bunch: 'bunches',
  crate: 'crates',
  piece: 'pieces',
  litre: 'litres',
  box: 'boxes',
};

/** "1 crate", "4 crates", "2.5 kg": a quantity with its unit in the right number. */
export const quantityText = (n: number, unit: string): string =>
  `${n} ${nounFor(n, unit, PLURALS[unit] ?? unit)}`;

export const unitLabel = (unit: string): string => (unit === 'piece' ? 'each' : `per ${unit}`);

/** Euros typed by a person ("3,49" or "3.49") -> minor units, or null when it is not an amount. */
export const parseAmount = (text: string): number | null => {
  const t = text.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
};

export const formatGeo = (geo: { lat: number; lng: number }): string =>
  `${Math.abs(geo.lat).toFixed(4)}° ${geo.lat >= 0 ? 'N' : 'S'}, ${Math.abs(geo.lng).toFixed(4)}° ${geo.lng >= 0 ? 'E' : 'W'}`;

/** Today as an ISO calendar date (UTC), to compare with harvest and validity dates. */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/**
 * The name of a farm's box, the same on the packing list, its PDF and the incoming orders: the buyer and the order's
 * short number (one buyer's two boxes differ by the number).
 */
export const boxName = (o: { buyerName: string; orderId: string }): string =>
  `${o.buyerName} · order ${o.orderId.slice(0, 8)}`;

/** A short name for an order a person can say: the day it was placed and its farms. */
export const orderName = (o: { placedAt: string; farms: { farmName: string }[] }): string =>
  `${formatDate(o.placedAt)} · ${o.farms.map((f) => f.farmName).join(' and ')}`;
