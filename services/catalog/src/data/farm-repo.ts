import { AggregateRepo } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Farm } from '../domain/farm';
import { farmAggregate } from '../use-cases/aggregates';
import type { Farms } from '../use-cases/ports';
import { fromDocument, INTERNAL_FIELDS, toFields, type Collection } from './collections';

const toFarm = (doc: mongo.Document): Farm => {
  const { listingsSynced: _s, ...farm } = fromDocument(doc);
  return farm as Farm;
};

/** A new farm has no listings to sync; every later write marks them behind until markSynced. */
export class FarmRepo extends AggregateRepo<Farm> implements Farms {
  constructor(private readonly col: Collection) {
    super(col, farmAggregate, { toState: toFarm, toFields: (farm, isNew) => ({ ...toFields(farm), listingsSynced: isNew }) });
  }

  override async get(id: string): Promise<Farm | null> {
    const doc = await this.col.findOne({ _id: id } as mongo.Document, { projection: INTERNAL_FIELDS });
    return doc ? toFarm(doc) : null;
  }

  async list(filter: { region?: string | undefined; active?: boolean }, limit: number): Promise<Farm[]> {
    const query: mongo.Document = filter.region ? { region: filter.region } : {};
    // suspended farms carry `suspended: {at, by, reason}`; reinstated ones `null`, older ones nothing
    if (filter.active) query['suspended.at'] = { $exists: false };
    const docs = await this.col
      .find(query, { projection: INTERNAL_FIELDS })
      .sort({ name: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(toFarm);
  }

  /** Farms whose listings may still carry older farm details (the process died between the two writes). */
  async behind(limit: number): Promise<Farm[]> {
    const docs = await this.col.find({ listingsSynced: false }, { projection: INTERNAL_FIELDS }).limit(limit).toArray();
    return docs.map(toFarm);
  }

  /** Only when no newer edit arrived meanwhile (that edit will sync again). */
  async markSynced(id: string, version: number): Promise<void> {
    await this.store.updateWhere(id, { version }, { $set: { listingsSynced: true } });
  }
}
