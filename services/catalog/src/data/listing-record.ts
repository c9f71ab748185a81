import type { mongo } from 'mongoose';
import type { Listing } from '../domain/listing';
import type { StockLevels } from '../domain/stock';
import { INTERNAL_FIELDS } from './collections';

export type ListingRecord = Listing & { stock: StockLevels };

/** Never returned to callers: per-order holds and sales, and the adjustment history (own endpoint). */
export const HIDDEN = { ...INTERNAL_FIELDS, holds: 0, sales: 0, adjustments: 0 } as const;

export const toListingRecord = (doc: mongo.Document): ListingRecord => {
  const { _id, available, reserved, sold, holds: _h, sales: _s, adjustments: _a, ...rest } = doc;
  for (const k of Object.keys(INTERNAL_FIELDS)) delete rest[k];
  return {
    id: String(_id),
    ...(rest as Omit<Listing, 'id'>),
    stock: { available: Number(available), reserved: Number(reserved), sold: Number(sold) },
  };
};


/** The stored shape of a new listing (without the aggregate bookkeeping the store adds): stock starts here. */
export const newListingDocument = (l: Listing, available: number): mongo.Document => {
  const { id: _id, version: _v, ...own } = l;
  return { ...own, available, reserved: 0, sold: 0, holds: [], sales: [], adjustments: [] };
};
