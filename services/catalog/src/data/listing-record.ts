import type { mongo } from 'mongoose';
import type { Listing } from '../domain/listing';
import type { ListingRecord } from '../use-cases/ports';
import { fromDocument, INTERNAL_FIELDS, toFields } from './collections';

/** Never returned to callers: per-order holds, released orders (and old sale entries), the adjustment history (own endpoint). */
export const HIDDEN = { ...INTERNAL_FIELDS, holds: 0, sales: 0, released: 0, adjustments: 0 } as const;

export const toListingRecord = (doc: mongo.Document): ListingRecord => {
  const { available, reserved, sold, holds: _h, sales: _s, released: _r, adjustments: _a, ...listing } = fromDocument(doc);
  return {
    ...(listing as Listing),
    stock: { available: Number(available), reserved: Number(reserved), sold: Number(sold) },
  };
};

/** The stored shape of a new listing (without the aggregate bookkeeping the store adds): stock starts here. */
export const newListingDocument = (l: Listing, available: number): mongo.Document => ({
  ...toFields(l),
  available,
  reserved: 0,
  sold: 0,
  holds: [],
  released: [],
  adjustments: [],
});
