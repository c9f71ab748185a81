import type { Address } from '@ftt/contracts';
import type { CurveSeries } from '../cold-chain/curve';
import type { Shipment } from '../shipment';
import type { LotRecord } from './lot';

export type TraceEventKind =
  | 'harvesting'
  | 'cooling'
  | 'initial_packing'
  | 'shipping'
  | 'checkpoint'
  | 'sensor_report'
  | 'out_for_delivery'
  | 'delivery_failed'
  | 'receiving'
  | 'returned';

export interface FarmRef {
  farmId: string;
  farmName: string;
  address: Address;
}

/** A neutral fact of the chain, mapped later to EPCIS events or FSMA 204 rows. */
export interface TraceEvent {
  kind: TraceEventKind;
  /** ISO 8601 instant, or a date (YYYY-MM-DD) when only the day is known (harvest, cooling). */
  time: string;
  lotCode: string;
  listingId: string;
  product: string;
  quantity: number;
  unit: string;
  farm: FarmRef;
  lot?: LotRecord | undefined;
  shipment?:
    { shipmentId: string; orderId: string; destination: { city: string; country: string } } | undefined;
  place?: string | undefined;
  temperatureC?: number | undefined;
  excursion?: boolean | undefined;
  /** A logger's curve while it carried the shipment (kind sensor_report), downsampled. */
  sensor?: { deviceId: string; points: { t: number; c: number }[]; until: string } | undefined;
  reference: { type: string; number: string };
}

const lotEvents = (lot: LotRecord): TraceEvent[] => {
  const base = {
    lotCode: lot.lotCode,
    listingId: lot.listingId,
    product: lot.product,
    quantity: lot.quantity,
    unit: lot.unit,
    farm: { farmId: lot.farmId, farmName: lot.farmName, address: lot.pickupAddress },
    lot,
    reference: { type: 'Harvest Lot Record', number: lot.lotCode },
  };
  return [
    { ...base, kind: 'harvesting', time: lot.harvestDate },
    // Produce listed with a cold-chain range is cooled at the farm on the day it is harvested.
    { ...base, kind: 'cooling', time: lot.harvestDate },
    // The farm assigns the traceability lot code when it packs the lot and lists it for sale.
    {
      ...base,
      kind: 'initial_packing',
      time: lot.firstListedAt,
      reference: { type: 'Listing', number: lot.listingId },
    },
  ];
};

const shipmentEvents = (
  s: Shipment,
  lotCode: string,
  lot: LotRecord | undefined,
  curves: readonly CurveSeries[] = [],
): TraceEvent[] => {
  const lines = s.lines.filter((l) => l.lotCode === lotCode);
  const first = lines[0];
  if (!first) return [];
  const base = {
    lotCode,
    listingId: first.listingId,
    product: first.title,
    quantity: lines.reduce((n, l) => n + l.quantity, 0),
    unit: first.unit,
    farm: { farmId: s.farmId, farmName: s.farmName, address: s.pickupAddress },
    lot,
    shipment: {
      shipmentId: s.shipmentId,
      orderId: s.orderId,
      destination: { city: s.dropoff.address.city, country: s.dropoff.address.country },
    },
    reference: { type: 'Bill of Lading', number: s.shipmentId },
  };
  const out: TraceEvent[] = [];
  if (s.pickedUpAt) out.push({ ...base, kind: 'shipping', time: s.pickedUpAt });
  for (const c of s.checkpoints) {
    out.push({
      ...base,
      kind: 'checkpoint',
      time: c.time,
      place: c.place,
      temperatureC: c.temperatureC,
      excursion: c.excursion,
    });
  }
  for (const c of curves) {
    if (c.points.length === 0) continue;
    out.push({
      ...base,
      kind: 'sensor_report',
      time: new Date(c.startMs).toISOString(),
      excursion: s.excursions.some((e) => e.deviceId === c.deviceId),
      sensor: { deviceId: c.deviceId, points: c.points, until: new Date(c.endMs).toISOString() },
    });
  }
  // Timestamps of repeated attempts live in the steps; the status fields hold only the latest one.
  for (const step of s.steps) {
    if (step.step === 'out_for_delivery') out.push({ ...base, kind: 'out_for_delivery', time: step.at });
    if (step.step === 'delivery_failed') out.push({ ...base, kind: 'delivery_failed', time: step.at });
  }
  if (s.deliveredAt && s.delivery) {
    out.push({
      ...base,
      kind: 'receiving',
      time: s.deliveredAt,
      reference: { type: 'Proof of Delivery', number: s.delivery.proofRef },
    });
  }
  if (s.returned)
    out.push({
      ...base,
      kind: 'returned',
      time: s.returned.at,
      reference: { type: 'Return Note', number: s.shipmentId },
    });
  return out;
};

const sortKey = (t: string) => Date.parse(t.length === 10 ? `${t}T00:00:00.000Z` : t);

/**
 * The chain of one or more lots through the given shipments, oldest first: what the farm recorded
 * (harvest, cooling, packing) and what the partners recorded on the way (shipping ... receiving).
 */
export const traceEvents = (
  lotCodes: string[],
  lots: Map<string, LotRecord>,
  shipments: Shipment[],
  /** The loggers' curves per shipment id (none: no sensor events). */
  curves: ReadonlyMap<string, readonly CurveSeries[]> = new Map(),
): TraceEvent[] => {
  const out: TraceEvent[] = [];
  for (const lotCode of lotCodes) {
    const lot = lots.get(lotCode);
    if (lot) out.push(...lotEvents(lot));
    for (const s of shipments) out.push(...shipmentEvents(s, lotCode, lot, curves.get(s.shipmentId)));
  }
  return out
    .map((e, i) => ({ e, i }))
    .sort((a, b) => sortKey(a.e.time) - sortKey(b.e.time) || a.i - b.i)
    .map(({ e }) => e);
};
