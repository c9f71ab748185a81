import { ensureOutboxIndex, openNativeCollections } from '@ftt/kit';
import type { Connection } from 'mongoose';

/**
 * identity's own collections (better-auth's — user, session, account, verification, rateLimit, jwks — are made and
 * indexed by its MongoDB adapter, except the signing keys' createdAt; test/tokens.int.test.ts checks the plans).
 * user and session are read by _id only (data/account-reads.ts). People and invitations are read by their key only, and the relay finds their unpublished events by the outbox index.
 */
export const openCollections = (db: Connection) =>
  openNativeCollections(
    db,
    {
      people: 'people',
      applications: 'applications',
      invites: 'invites',
      signingKeys: 'jwks',
      user: 'user',
      session: 'session',
      usedLinks: 'used_links',
      verification: 'verification',
    },
    (c) => [
      ensureOutboxIndex(c.people),
      ensureOutboxIndex(c.applications),
      // the back office's list (all, or one state) and an applicant's own, newest first (data/application-repo.ts)
      c.applications.createIndex({ submittedAt: -1, _id: -1 }),
      c.applications.createIndex({ state: 1, submittedAt: -1, _id: -1 }),
      c.applications.createIndex({ personId: 1, submittedAt: -1, _id: -1 }),
      // the farm's or partner's name for an invitation mail
      c.applications.createIndex({ placeId: 1 }),
      // better-auth's JWT plugin stores keys here; data/signing-keys.ts reads the newest ones.
      c.signingKeys.createIndex({ createdAt: -1 }),
      // A used link's record goes once the link would have expired anyway.
      c.usedLinks.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 }),
      // A deleted account's pending reset links are found by the person they belong to (data/personal-data.ts).
      c.verification.createIndex({ value: 1 }),
    ],
  );

export type Collections = Awaited<ReturnType<typeof openCollections>>;
