import { ensureOutboxIndex, openNativeCollections } from '@ftt/kit';
import type { Connection } from 'mongoose';

/**
 * identity's own collections (better-auth's — user, session, account, verification, rateLimit, jwks — are made and
 * indexed by its MongoDB adapter; test/accounts-data.int.test.ts checks their query plans).
 * People are read by their key only, and the relay finds their unpublished events by the outbox index.
 */
export const openCollections = (db: Connection) =>
  openNativeCollections(db, { people: 'people' }, (c) => [ensureOutboxIndex(c.people)]);

export type Collections = Awaited<ReturnType<typeof openCollections>>;
