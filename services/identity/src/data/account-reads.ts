import { createHash } from 'node:crypto';
import { mongo } from 'mongoose';

type Collection = mongo.Collection<mongo.Document>;

/** better-auth keeps its ids as ObjectIds; a string that is not one names nothing. */
const objectId = (id: string): mongo.ObjectId | undefined =>
  mongo.ObjectId.isValid(id) ? new mongo.ObjectId(id) : undefined;

/** Reads of better-auth's own collections that identity needs beyond its endpoints (by _id: always indexed). */
export const accountReads = (c: { user: Collection; session: Collection }) => ({
  /** Whether the account has a verified second factor (the two-factor plugin's flag on the user). */
  secondFactor: async (personId: string): Promise<boolean> => {
    const _id = objectId(personId);
    if (!_id) return false;
    const user = await c.user.findOne({ _id }, { projection: { twoFactorEnabled: 1 } });
    return user?.twoFactorEnabled === true;
  },
  /** The account's email, whether it is verified, and its name (accepting an invitation checks them). */
  account: async (personId: string) => {
    const _id = objectId(personId);
    if (!_id) return null;
    const user = await c.user.findOne({ _id }, { projection: { email: 1, emailVerified: 1, name: 1 } });
    return user
      ? { email: String(user.email), emailVerified: user.emailVerified === true, name: String(user.name ?? '') }
      : null;
  },
  /** Whether a session still exists and has not expired (sign-out, revocation and resets delete it). */
  sessionActive: async (sessionId: string, now: Date): Promise<boolean> => {
    const _id = objectId(sessionId);
    if (!_id) return false;
    return (await c.session.countDocuments({ _id, expiresAt: { $gt: now } }, { limit: 1 })) === 1;
  },
});

/**
 * Verification links used, by a hash of the link (never the link itself): better-auth's sign-up links are signed
 * tokens without a server-side row, and a second use would answer "verified" again. The unique _id makes the first
 * use win, even for two uses at once; the row is kept until the link would have expired anyway.
 */
export const usedLinks = (c: Collection) => ({
  firstUse: async (link: string, expiresAt: Date): Promise<boolean> => {
    const _id = createHash('sha256').update(link).digest('hex');
    try {
      await c.insertOne({ _id: _id as never, expiresAt });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  },
});
