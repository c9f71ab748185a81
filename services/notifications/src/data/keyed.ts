import { insertOnce } from '@ftt/kit';
import type { mongo } from 'mongoose';

type Doc = mongo.Document;

/** Records stored under one of their fields as the _id (and without it): to and from their documents. */
export const keyedBy = <T extends object>(key: keyof T & string) => ({
  fromDoc: (doc: Doc): T => {
    const { _id, ...rest } = doc;
    return { [key]: String(_id), ...rest } as T;
  },
  toDoc: (record: T): Doc => {
    const { [key]: id, ...rest } = record as Record<string, unknown>;
    return { _id: id, ...rest };
  },
});

/** A repository of records keyed by one of their fields: inserted once (a repeat is a duplicate key), got by key. */
export class KeyedRepo<T extends object> {
  protected readonly fromDoc: (doc: Doc) => T;
  private readonly toDoc: (record: T) => Doc;

  constructor(
    protected readonly collection: mongo.Collection<Doc>,
    key: keyof T & string,
  ) {
    ({ fromDoc: this.fromDoc, toDoc: this.toDoc } = keyedBy<T>(key));
  }

  insert(record: T): Promise<'written' | 'duplicate'> {
    return insertOnce(this.collection, this.toDoc(record));
  }

  async get(id: string) {
    const doc = await this.collection.findOne({ _id: id } as Doc);
    return doc ? this.fromDoc(doc) : null;
  }
}
