/**
 * The address a box label's QR code carries: a GS1 Digital Link style URI on the public site,
 * `<site>/01/<product>/10/<lot>/21/<serial>`. GS1's primary key `01` is a GTIN; no farm has GTINs yet, so the product
 * is the listing id until one exists (a GTIN-14 goes in the same place and the same route reads it). `10` is the
 * batch/lot, `21` the serial of this one box: its tracking code, the public and unguessable key the public tracking
 * already answers to, so the label names no person, order or address.
 */
export interface BoxKey {
  /** The listing id, or a GTIN-14 once the product has one. */
  product: string;
  lot: string;
  /** The box's tracking code (FTT- and 12 Crockford base32 characters). */
  serial: string;
}

const seg = encodeURIComponent;

/** The path alone (what the web app routes and the API mirrors). */
export const digitalLinkPath = (k: BoxKey): string =>
  `/01/${seg(k.product)}/10/${seg(k.lot)}/21/${seg(k.serial)}`;

/** The full address printed in the QR code. */
export const digitalLink = (site: string, k: BoxKey): string =>
  `${site.replace(/\/+$/, '')}${digitalLinkPath(k)}`;

const PATH = /^\/01\/([^/]+)\/10\/([^/]+)\/21\/([^/?#]+)\/?$/;

/** The key of a scanned address (any origin: a label printed for another host still names the box), or null. */
export const parseDigitalLink = (address: string): BoxKey | null => {
  let path = address;
  try {
    path = new URL(address).pathname;
  } catch {
    // a bare path
  }
  const m = PATH.exec(path);
  if (!m) return null;
  try {
    return {
      product: decodeURIComponent(m[1]!),
      lot: decodeURIComponent(m[2]!),
      serial: decodeURIComponent(m[3]!),
    };
  } catch {
    return null;
  }
};
