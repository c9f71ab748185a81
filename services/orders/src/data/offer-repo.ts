import { AggregateRepo, INTERNAL_FIELDS } from '@ftt/kit';
import type { mongo } from 'mongoose';
import { offerAggregate } from '../use-cases/aggregates';
import type { OfferRecord, OfferStore, StoredOffer } from '../use-cases/ports-offer';
import type { Collection } from './collections';

type Doc = mongo.Document;

/** Regions are few (one document each); a bound keeps a mistake from becoming an unbounded read. */
export const MAX_REGIONS = 200;

const toRecord = (d: Doc): OfferRecord => ({
  region: String(d._id),
  ...(d.market ? { market: d.market } : {}),
  timeZone: d.timeZone,
  rules: d.rules,
  pickupPoints: d.pickupPoints,
  zones: d.zones,
  updatedAt: d.updatedAt,
  updatedBy: d.updatedBy,
});

/** The published delivery offer, one versioned document per region (`delivery_offers`, keyed by the region). */
export class OfferRepo extends AggregateRepo<OfferRecord> implements OfferStore {
  constructor(collection: Collection) {
    super(collection, offerAggregate, {
      toState: toRecord,
      toFields: ({ region: _r, ...rest }) => JSON.parse(JSON.stringify(rest)) as Doc,
    });
  }

  /** Every region with its version, by the _id index. */
  async all(): Promise<StoredOffer[]> {
    const docs = await this.collection
      .find({}, { projection: INTERNAL_FIELDS })
      .sort({ _id: 1 })
      .limit(MAX_REGIONS)
      .toArray();
    return docs.map((d) => ({ offer: toRecord(d), version: Number(d.version) }));
  }
}
