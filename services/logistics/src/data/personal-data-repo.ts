import type { mongo } from 'mongoose';
import { REMOVED } from '../domain/erasure';
import type { PersonalDataStore } from '../use-cases/erasure';

type Doc = mongo.Document;

/**
 * Where logistics keeps personal data, found by the person: a buyer's shipments ({ buyerId, _id }), the runs that
 * drop them ({ stops.shipmentIds }), the partner records named after a person who claimed ({ namedBy }), and the
 * erasures still waiting for a box on its way (`erasures`, by _id = person id).
 */
export class PersonalDataRepo implements PersonalDataStore {
  constructor(
    private readonly c: {
      shipments: mongo.Collection<Doc>;
      runs: mongo.Collection<Doc>;
      partners: mongo.Collection<Doc>;
      erasures: mongo.Collection<Doc>;
    },
  ) {}

  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.c.shipments.createIndex({ buyerId: 1, _id: 1 }),
      this.c.runs.createIndex({ 'stops.shipmentIds': 1 }),
      this.c.partners.createIndex({ namedBy: 1 }, { sparse: true }),
      // oldest first; it also creates the collection at start, so the sweep's query always has a plan to judge
      this.c.erasures.createIndex({ at: 1, _id: 1 }),
    ]);
  }

  async shipmentIdsOfBuyer(buyerId: string, after: string | null, limit: number): Promise<string[]> {
    const docs = await this.c.shipments
      .find((after ? { buyerId, _id: { $gt: after } } : { buyerId }) as Doc, { projection: { _id: 1 } })
      .sort({ buyerId: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => String(d._id));
  }

  async runIdsDropping(shipmentId: string): Promise<string[]> {
    const docs = await this.c.runs
      .find({ 'stops.shipmentIds': shipmentId }, { projection: { _id: 1 } })
      .limit(100)
      .toArray();
    return docs.map((d) => String(d._id));
  }

  async forgetPartnerNames(personId: string): Promise<number> {
    const r = await this.c.partners.updateMany({ namedBy: personId }, { $set: { name: REMOVED }, $unset: { namedBy: '' } });
    return r.modifiedCount;
  }

  async awaitEnd(personId: string, at: string): Promise<void> {
    await this.c.erasures.updateOne({ _id: personId } as Doc, { $setOnInsert: { at } }, { upsert: true });
  }

  async waiting(limit: number): Promise<string[]> {
    const docs = await this.c.erasures.find({}, { projection: { _id: 1 } }).sort({ at: 1, _id: 1 }).limit(limit).toArray();
    return docs.map((d) => String(d._id));
  }

  async done(personId: string): Promise<void> {
    await this.c.erasures.deleteOne({ _id: personId } as Doc);
  }
}
