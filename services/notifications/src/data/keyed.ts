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
