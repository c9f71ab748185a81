import type { Address } from '@ftt/contracts';

/** What logistics knows of a traceability lot, learnt from catalog's listing events alone. */
export interface LotRecord {
  lotCode: string;
  listingId: string;
  product: string;
  category: string;
  farmId: string;
  farmName: string;
  farmerId: string;
  region: string;
  field: string;
  harvestDate: string;
  bestBefore?: string | undefined;
  quantity: number;
  unit: string;
  pickupAddress: Address;
  coldChain: { minC: number; maxC: number };
  /** When the farm first published the lot: the lot code was assigned (initial packing) by then. */
  firstListedAt: string;
}
