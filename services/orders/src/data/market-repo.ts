import { AggregateRepo, INTERNAL_FIELDS } from '@ftt/kit';
import type { mongo } from 'mongoose';
import { marketAggregate } from '../use-cases/aggregates';
import type { MarketRecord, MarketStore, StoredMarket } from '../use-cases/ports-market';
import type { Collection } from './collections';

type Doc = mongo.Document;

/** Markets are few (one document each); a bound keeps a mistake from becoming an unbounded read. */
export const MAX_MARKETS = 100;

const toRecord = (d: Doc): MarketRecord => ({
  code: String(d._id),
  name: d.name,
  currency: d.currency,
  languages: d.languages,
  timeZone: d.timeZone,
  country: d.country,
  postcodePattern: d.postcodePattern,
  regions: d.regions,
  taxRates: d.taxRates,
  units: d.units,
  paymentMethods: d.paymentMethods,
  updatedAt: d.updatedAt,
  updatedBy: d.updatedBy,
});

/** The published markets, one versioned document per market (`markets`, keyed by the market's code). */
export class MarketRepo extends AggregateRepo<MarketRecord> implements MarketStore {
  constructor(collection: Collection) {
    super(collection, marketAggregate, {
      toState: toRecord,
      toFields: ({ code: _c, ...rest }) => JSON.parse(JSON.stringify(rest)) as Doc,
    });
  }

  /** Every market with its version, by the _id index. */
  async all(): Promise<StoredMarket[]> {
    const docs = await this.collection.find({}, { projection: INTERNAL_FIELDS }).sort({ _id: 1 }).limit(MAX_MARKETS).toArray();
    return docs.map((d) => ({ market: toRecord(d), version: Number(d.version) }));
  }
}
