/** A temperature logger: in a crate (travels with one shipment) or in a vehicle (with every shipment it carries). */
export interface Device {
  deviceId: string;
  kind: 'crate' | 'vehicle';
  label: string;
  /** The serial number printed on the logger (its maker's), so the partner can tell their loggers apart. */
  serial?: string | undefined;
  /** The partner (or operator) who registered it and may attach it. */
  ownerId: string;
  /** sha256 of the device's secret (a 32-byte random value shown once); the secret itself is never stored. */
  secretHash: string;
  createdAt: string;
}

/** A device carrying a shipment from `from` until `to` (null: still carrying it). */
export interface Attachment {
  deviceId: string;
  shipmentId: string;
  from: string;
  to: string | null;
  attachedBy: string;
}

/** Readings of a device belong to a shipment while it carries it; nothing after the shipment ended (delivered...). */
export const attachedInterval = (a: Attachment, shipmentEndedAt: string | undefined): [number, number] => {
  const to = Math.min(
    a.to === null ? Number.POSITIVE_INFINITY : Date.parse(a.to),
    shipmentEndedAt ? Date.parse(shipmentEndedAt) : Number.POSITIVE_INFINITY,
  );
  return [Date.parse(a.from), to];
};
