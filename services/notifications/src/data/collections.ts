import { openNativeCollections } from '@ftt/kit';
import type { Connection } from 'mongoose';

/** Native collections of this service's database, with the indexes the queries need (test/data/query-plans.e2e.test.ts checks the plans). */
export const openCollections = (db: Connection) =>
  openNativeCollections(
    db,
    {
      notices: 'notices',
      deliveries: 'deliveries',
      digestItems: 'digest_items',
      profiles: 'profiles',
      farms: 'farm_facts',
      orders: 'order_facts',
    },
    (c) => [
      // Waiting notices: woken by the facts they wait for, and by the sweeper when their next look is due.
      c.notices.createIndex({ waitKey: 1, status: 1 }),
      c.notices.createIndex({ status: 1, retryAt: 1 }),
      // Exactly one message per event, recipient and channel.
      c.deliveries.createIndex(
        { eventId: 1, recipient: 1, channel: 1 },
        { unique: true, name: 'one_message' },
      ),
      // The sender's look for due emails; the inbox list and the unread count.
      c.deliveries.createIndex({ status: 1, nextAttemptAt: 1 }),
      // The inbox pages by (createdAt, _id); the unread-only page and the unread count on the readAt one.
      c.deliveries.createIndex({ recipient: 1, channel: 1, createdAt: -1, _id: -1 }),
      c.deliveries.createIndex({ recipient: 1, channel: 1, readAt: 1, createdAt: -1, _id: -1 }),
      // Digests: due windows, a recipient's batched items, a digest's items, claims left by a crash.
      c.digestItems.createIndex({ status: 1, batchedAt: 1 }),
      c.digestItems.createIndex({ recipient: 1, kind: 1, status: 1 }),
      c.digestItems.createIndex({ digestId: 1 }),
      c.digestItems.createIndex({ status: 1, claimedAt: 1 }),
      // Partners of a region, admins.
      c.profiles.createIndex({ regions: 1 }),
      c.profiles.createIndex({ roles: 1 }),
      // Orders not ended in time.
      c.orders.createIndex({ watchUntil: 1 }),
    ],
  );

export type Collections = Awaited<ReturnType<typeof openCollections>>;
