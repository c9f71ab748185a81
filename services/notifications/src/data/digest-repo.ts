import type { mongo } from 'mongoose';
import type { NoticeKind } from '../domain/notice';
import type { DigestItem, DigestStore } from '../use-cases/ports';

type Doc = mongo.Document;

/** Items of digest kinds held per recipient: 'batched' -> 'digesting' (claimed under a digest id) -> 'sent'. */
export class DigestRepo implements DigestStore {
  constructor(private readonly collection: mongo.Collection<Doc>) {}

  /** On the { recipient, kind, status } index. */
  async forgetRecipient(recipient: string) {
    return (await this.collection.deleteMany({ recipient } as Doc)).deletedCount;
  }

  async add(item: DigestItem) {
    const { itemId, ...rest } = item;
    try {
      await this.collection.insertOne({ _id: itemId, ...rest, status: 'batched' } as Doc);
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err; // already batched (a repeat)
    }
  }

  async due(before: Date, limit: number) {
    const docs = await this.collection
      .find({ status: 'batched', batchedAt: { $lte: before } }, { projection: { recipient: 1, kind: 1 } })
      .sort({ batchedAt: 1 })
      .limit(limit)
      .toArray();
    const seen = new Map<string, { recipient: string; kind: NoticeKind }>();
    for (const d of docs) seen.set(`${d.recipient}\u0000${d.kind}`, { recipient: d.recipient, kind: d.kind });
    return [...seen.values()];
  }

  async claim(recipient: string, kind: NoticeKind, digestId: string, at: Date) {
    const r = await this.collection.updateMany(
      { recipient, kind, status: 'batched' },
      { $set: { status: 'digesting', digestId, claimedAt: at } },
    );
    return r.modifiedCount;
  }

  async unfinished(before: Date, limit: number) {
    const docs = await this.collection
      .find(
        { status: 'digesting', claimedAt: { $lte: before } },
        { projection: { digestId: 1, recipient: 1, kind: 1 } },
      )
      .limit(limit)
      .toArray();
    const seen = new Map<string, { digestId: string; recipient: string; kind: NoticeKind }>();
    for (const d of docs)
      seen.set(d.digestId, { digestId: d.digestId, recipient: d.recipient, kind: d.kind });
    return [...seen.values()];
  }

  async items(digestId: string) {
    const docs = await this.collection.find({ digestId }).toArray();
    return docs.map((d) => {
      const { _id, ...rest } = d;
      return { itemId: String(_id), ...rest } as DigestItem;
    });
  }

  async finish(digestId: string) {
    await this.collection.updateMany({ digestId }, { $set: { status: 'sent' } });
  }
}
