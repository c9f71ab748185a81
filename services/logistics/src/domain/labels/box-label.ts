import type { Shipment } from '../shipment';
import { digitalLink } from './digital-link';

/** What one box's label says: who or where it goes to, the day, what is in it (with lots), its range and QR address. */
export interface BoxLabel {
  /** The box's serial (its tracking code), printed under the QR code for people who cannot scan. */
  serial: string;
  /** A pickup point's name, or the buyer's first name (never the full name, street or phone). */
  addressee: string;
  drop: 'pickup_point' | 'home';
  /** The delivery day (YYYY-MM-DD), when the buyer chose one. */
  day?: string | undefined;
  farmName: string;
  lines: { quantity: number; unit: string; title: string; lotCode: string }[];
  coldChain: { minC: number; maxC: number };
  /** The GS1 Digital Link style address of the box's public trace page: its first line's product and lot. */
  url: string;
}

/** The first word of a name: enough for a packer to match box and buyer, and all a label shows of a person. */
export const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? '';

export const boxLabel = (s: Shipment, site: string): BoxLabel => {
  const first = s.lines[0];
  const pickup = s.drop?.kind === 'pickup_point' ? s.drop : undefined;
  return {
    serial: s.trackingCode,
    addressee: pickup ? pickup.name : firstName(s.dropoff.contactName) || 'Buyer',
    drop: pickup ? 'pickup_point' : 'home',
    day: s.deliveryDate,
    farmName: s.farmName,
    lines: s.lines.map((l) => ({ quantity: l.quantity, unit: l.unit, title: l.title, lotCode: l.lotCode })),
    coldChain: s.coldChain,
    url: digitalLink(site, {
      product: first?.listingId ?? 'box',
      lot: first?.lotCode ?? s.lotCodes[0] ?? 'none',
      serial: s.trackingCode,
    }),
  };
};
