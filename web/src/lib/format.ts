import { dateLocale, moneyLocale } from './locale';
import type { Money } from '../api/types';
import { intl, t, type MessageId } from '../i18n';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Money in the market's currency (the amount's own), written the way the person's language writes it. */
export const formatMoney = (m: Money): string => {
  const key = `${moneyLocale()}|${m.currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(moneyLocale(), { style: 'currency', currency: m.currency });
    moneyFormats.set(key, f);
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

/**
 * A code's words from the catalogs (`status.picked_up` -> "Picked up"): `group.value`. A value the catalogs do not
 * know yet (a new state from a service) shows as the code itself, never as made-up English
 * (capitalised, as the code's words were shown before the catalogs).
 */
export const enumText = (group: string, value: string): string => {
  const id = `${group}.${value}`;
  if (id in intl().messages) return t(id as MessageId);
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
/** A service's name in words (`catalog` -> "Catalog"), for the back office. */
export const serviceName = (s: string): string => enumText('service', s);
/** A status (order, shipment, listing, run...) in words. */
export const humanize = (s: string): string => enumText('status', s);

/** "1 crate", "4 crates", "2.5 kg": a quantity with its unit in the right number (an ICU plural per unit). */
export const quantityText = (n: number, unit: string): string =>
  `unit.${unit}` in intl().messages ? t(`unit.${unit}` as MessageId, { n }) : `${n} ${unit}`;

/** "per kg", "each" */
export const unitLabel = (unit: string): string =>
  `per.${unit}` in intl().messages ? t(`per.${unit}` as MessageId) : unit;

/** Euros typed by a person ("3,49" or "3.49") -> minor units, or null when it is not an amount. */
export const parseAmount = (text: string): number | null => {
  const t = text.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
};

export const formatGeo = (geo: { lat: number; lng: number }): string =>
  t('geo.point', {
    lat: Math.abs(geo.lat).toFixed(4),
    ns: geo.lat >= 0 ? 'N' : 'S',
    lng: Math.abs(geo.lng).toFixed(4),
    ew: geo.lng >= 0 ? 'E' : 'W',
  });

/** Today as an ISO calendar date (UTC), to compare with harvest and validity dates. */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/**
 * The name of a farm's box, the same on the packing list, its PDF and the incoming orders: the buyer and the order's
 * short number (one buyer's two boxes differ by the number).
 */
export const boxName = (o: { buyerName: string; orderId: string }): string =>
  t('box.name', { buyer: o.buyerName, order: o.orderId.slice(0, 8) });

/** A short name for an order a person can say: the day it was placed and its farms. */
export const orderName = (o: { placedAt: string; farms: { farmName: string }[] }): string =>
  `${formatDate(o.placedAt)} · ${intl().formatList(o.farms.map((f) => f.farmName), { type: 'conjunction' })}`;
