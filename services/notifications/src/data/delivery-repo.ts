import { findPage, type Page, type PageRequest } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { Delivery, DeliveryStore } from '../use-cases/ports';
import { KeyedRepo } from './keyed';

type Doc = mongo.Document;

/**
 * Deliveries: every message for one person on one channel, unique on (eventId, recipient, channel). Emails are
 * an outbox: 'pending' until the SMTP server took them, claimed by a lease on their next attempt time.
 */
export class DeliveryRepo extends KeyedRepo<Delivery> implements DeliveryStore {
  constructor(collection: mongo.Collection<Doc>) {
    super(collection, 'deliveryId');
  }

  /** On the inbox's index ({ recipient, channel, ... }). */
  async forgetRecipient(recipient: string) {
    return (await this.collection.deleteMany({ recipient } as Doc)).deletedCount;
  }

  async claimDue(now: Date, leaseUntil: Date) {
    const doc = await this.collection.findOneAndUpdate(
      { status: 'pending', nextAttemptAt: { $lte: now } },
      { $set: { nextAttemptAt: leaseUntil }, $inc: { attempts: 1 } },
      { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
    );
    return doc ? this.fromDoc(doc) : null;
  }

  async sent(deliveryId: string, at: Date) {
    await this.collection.updateOne({ _id: deliveryId } as Doc, {
      $set: { status: 'sent', sentAt: at },
      $unset: { nextAttemptAt: '', lastError: '' },
    });
  }

  async failed(deliveryId: string, nextAttemptAt: Date, error: string) {
    await this.collection.updateOne({ _id: deliveryId, status: 'pending' } as Doc, {
      $set: { nextAttemptAt, lastError: error },
    });
  }

  /**
   * The inbox, newest first by (createdAt, _id): many entries share a millisecond (one event, several notices), so
   * the id breaks the tie and a page boundary never skips one. Unread only: { recipient, channel, readAt, createdAt, _id }.
   */
  inbox(recipient: string, o: { unreadOnly: boolean } & PageRequest): Promise<Page<Delivery>> {
    const filter: Doc = { recipient, channel: 'inapp' };
    if (o.unreadOnly) filter.readAt = null;
    return findPage(this.collection, { filter, by: 'createdAt', dir: -1, page: o, map: (d) => this.fromDoc(d) });
  }

  unread(recipient: string) {
    return this.collection.countDocuments({ recipient, channel: 'inapp', readAt: null });
  }

  async markRead(deliveryId: string, at: Date) {
    await this.collection.updateOne({ _id: deliveryId, readAt: null } as Doc, { $set: { readAt: at } });
  }

  async markAllRead(recipient: string, at: Date) {
    const r = await this.collection.updateMany(
      { recipient, channel: 'inapp', readAt: null },
      { $set: { readAt: at } },
    );
    return r.modifiedCount;
  }

  pendingEmails() {
    return this.collection.countDocuments({ status: 'pending', nextAttemptAt: { $gte: new Date(0) } });
  }
}
