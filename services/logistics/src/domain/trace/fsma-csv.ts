import type { Address } from '@ftt/contracts';
import type { TraceEvent, TraceEventKind } from './trace-events';

/**
 * The FDA FSMA 204 electronic sortable spreadsheet: one row per Critical Tracking Event with its Key
 * Data Elements (21 CFR 1.1325-1.1345). Every cell is filled: on-farm events move the produce between
 * the farm's own locations (field -> cooler -> packhouse), so their ship-from/ship-to are farm locations.
 */
export const FSMA_COLUMNS = [
  'Critical Tracking Event',
  'Event Date',
  'Traceability Lot Code',
  'Product Description',
  'Quantity',
  'Unit of Measure',
  'Event Location Description',
  'Harvest Location Description',
  'Ship-From Location Description',
  'Ship-To Location Description',
  'Receiving Location Description',
  'Traceability Lot Code Source Location Description',
  'Reference Document Type',
  'Reference Document Number',
] as const;

const CTE: Partial<Record<TraceEventKind, string>> = {
  harvesting: 'Harvesting',
  cooling: 'Cooling',
  initial_packing: 'Initial Packing',
  shipping: 'Shipping',
  receiving: 'Receiving',
  returned: 'Receiving',
};

const address = (a: Address) =>
  [a.line1, a.line2, `${a.postalCode} ${a.city}`, a.country].filter(Boolean).join(', ');

/** RFC 4180: quote every field that holds a quote, comma or line break; double inner quotes. */
export const csvField = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export const csvLine = (fields: readonly string[]): string => fields.map(csvField).join(',');

export const fsmaRow = (e: TraceEvent): string[] | undefined => {
  const cte = CTE[e.kind];
  if (!cte) return undefined;
  const farm = `${e.farm.farmName} (farm ${e.farm.farmId}), ${address(e.farm.address)}`;
  const field = e.lot ? `Field ${e.lot.field}, ${farm}` : `${farm} (field not reported)`;
  // The buyer's street and name stay out of the export; the order id leads to them for those allowed to see it.
  const buyer = e.shipment
    ? `Buyer delivery point of order ${e.shipment.orderId}, ${e.shipment.destination.city}, ${e.shipment.destination.country}`
    : '';
  const [where, from, to, receivedAt] = ((): [string, string, string, string] => {
    switch (e.kind) {
      case 'harvesting':
        return [field, field, farm, farm];
      case 'cooling':
      case 'initial_packing':
        return [farm, field, farm, farm];
      case 'shipping':
        return [farm, farm, buyer, buyer];
      case 'receiving':
        return [buyer, farm, buyer, buyer];
      default: // a returned shipment is received back at the farm
        return [farm, buyer, farm, farm];
    }
  })();
  return [
    cte,
    e.time.slice(0, 10),
    e.lotCode,
    e.product,
    String(e.quantity),
    e.unit,
    where,
    field,
    from,
    to,
    receivedAt,
    farm,
    e.reference.type,
    e.reference.number,
  ];
};

/**
 * Sorted as the FDA reads it: by traceability lot code, then by event date and time (events of the same moment
 * keep their order). CRLF line ends as RFC 4180 asks; a header row first.
 */
export const fsmaCsv = (events: TraceEvent[]): string => {
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => cmp(a.e.lotCode, b.e.lotCode) || Date.parse(a.e.time) - Date.parse(b.e.time) || a.i - b.i)
    .map(({ e }) => e);
  return (
    [FSMA_COLUMNS, ...sorted.map(fsmaRow).filter((r): r is string[] => r !== undefined)].map(csvLine).join('\r\n') +
    '\r\n'
  );
};

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
