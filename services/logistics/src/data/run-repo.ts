import { AggregateRepo, findPage, plainStorage, INTERNAL_FIELDS, type Page, type PageRequest } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Run } from '../domain/runs/run';
import { runAggregate } from '../use-cases/aggregates';
import type { RunStore } from '../use-cases/ports';

type Doc = mongo.Document;

const storage = plainStorage<Run>();

/** Runs over one collection, written like shipments: one conditional single-document update per change. */
export class RunRepo extends AggregateRepo<Run> implements RunStore {
  constructor(collection: mongo.Collection<Doc>) {
    super(collection, runAggregate, storage);
  }

  /** The runs of one delivery day in one region (served by { region, day }). */
  byDay(region: string, day: string, limit = 100) {
    return this.find({ region, day }, limit);
  }

  /** A partner's runs, newest day first by (day, _id) (served by { partnerId, day, _id }). */
  pageByPartner(partnerId: string, page: PageRequest): Promise<Page<Run>> {
    return findPage(this.collection, { filter: { partnerId }, by: 'day', dir: -1, page, projection: INTERNAL_FIELDS, map: storage.toState });
  }

  private async find(filter: Doc, limit: number, sort: Doc = { createdAt: 1 }) {
    const docs = await this.collection
      .find(filter, { projection: INTERNAL_FIELDS })
      .sort(sort)
      .limit(limit)
      .toArray();
    return docs.map(storage.toState);
  }
}
