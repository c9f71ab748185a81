import { AggregateRepo, INTERNAL_FIELDS } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Run } from '../domain/runs/run';
import type { RunStore } from '../use-cases/ports';

type Doc = mongo.Document;

const toRun = (doc: Doc): Run => {
  const { _id: _key, version: _version, ...run } = doc;
  return run as Run;
};

/** Runs over one collection, written like shipments: one conditional single-document update per change. */
export class RunRepo extends AggregateRepo<Run> implements RunStore {
  constructor(collection: mongo.Collection<Doc>) {
    super(collection, { idOf: (r) => r.runId, toState: toRun, toFields: (r) => ({ ...r }) });
  }

  /** The runs of one delivery day in one region (served by { region, day }). */
  byDay(region: string, day: string, limit = 100) {
    return this.find({ region, day }, limit);
  }

  /** A partner's runs, newest day first (served by { partnerId, day }). */
  byPartner(partnerId: string, limit = 50) {
    return this.find({ partnerId }, limit, { day: -1 });
  }

  private async find(filter: Doc, limit: number, sort: Doc = { createdAt: 1 }) {
    const docs = await this.collection
      .find(filter, { projection: INTERNAL_FIELDS })
      .sort(sort)
      .limit(limit)
      .toArray();
    return docs.map(toRun);
  }
}
