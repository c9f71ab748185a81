import type { mongo } from 'mongoose';
import type { Notice } from '../domain/notice';
import type { NoticeStore } from '../use-cases/ports';
import { KeyedRepo } from './keyed';

type Doc = mongo.Document;

/** Notices keyed by their id (the event's): inserting a redelivered event's notice is a duplicate key. */
export class NoticeRepo extends KeyedRepo<Notice> implements NoticeStore {
  constructor(collection: mongo.Collection<Doc>) {
    super(collection, 'noticeId');
  }

  async wait(noticeId: string, waitKey: string, retryAt: string) {
    await this.collection.updateOne({ _id: noticeId, status: 'waiting' } as Doc, {
      $set: { waitKey, retryAt },
    });
  }

  async finish(noticeId: string, status: 'done' | 'expired') {
    await this.collection.updateOne({ _id: noticeId } as Doc, {
      $set: { status },
      $unset: { retryAt: '', waitKey: '' },
    });
  }

  async waitingFor(waitKey: string) {
    const docs = await this.collection.find({ waitKey, status: 'waiting' }).limit(500).toArray();
    return docs.map((d) => this.fromDoc(d));
  }

  async dueWaiting(now: Date, limit: number) {
    const docs = await this.collection
      .find({ status: 'waiting', retryAt: { $lte: now.toISOString() } })
      .sort({ retryAt: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => this.fromDoc(d));
  }
}
