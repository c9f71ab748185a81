import { mongo } from 'mongoose';

type Doc = mongo.Document;

/** better-auth keeps its ids as ObjectIds; a string that is not one names nothing. */
const objectId = (id: string): mongo.ObjectId | undefined =>
  mongo.ObjectId.isValid(id) ? new mongo.ObjectId(id) : undefined;

const iso = (v: unknown) =>
  v instanceof Date ? v.toISOString() : v === undefined || v === null ? undefined : String(v);

/** What identity holds about one person, as they download it: never a password hash, a session token or a secret. */
export interface IdentityExport {
  personId: string;
  account: {
    name: string;
    email: string;
    emailVerified: boolean;
    language: string | undefined;
    secondFactor: boolean;
    createdAt: string | undefined;
    updatedAt: string | undefined;
  } | null;
  signInMethods: { provider: string; createdAt: string | undefined }[];
  sessions: {
    createdAt: string | undefined;
    expiresAt: string | undefined;
    userAgent: string | undefined;
    ipAddress: string | undefined;
  }[];
  person: {
    language: string;
    memberships: unknown[];
    registeredAt: string;
    erasedAt?: string | undefined;
  } | null;
}

/**
 * A person's data in better-auth's collections (user, account, session; twoFactor and verification rows on deletion)
 * and in `people`. Reads by _id or by userId (indexed by better-auth's adapter).
 */
export const personalData = (db: mongo.Db, people: mongo.Collection<Doc>) => ({
  export: async (personId: string): Promise<IdentityExport> => {
    // better-auth's own ids are ObjectIds; the demo people's fixed ids are strings: either names the person
    const ids = [objectId(personId), personId].filter(Boolean);
    const byUser = { userId: { $in: ids } };
    const [user, accounts, sessions, person] = await Promise.all([
      db.collection('user').findOne({ _id: { $in: ids } } as Doc),
      db
        .collection('account')
        .find(byUser, { projection: { providerId: 1, createdAt: 1 } })
        .limit(20)
        .toArray(),
      db
        .collection('session')
        .find(byUser, { projection: { createdAt: 1, expiresAt: 1, userAgent: 1, ipAddress: 1 } })
        .limit(200)
        .toArray(),
      people.findOne({ _id: personId } as Doc, {
        projection: { language: 1, memberships: 1, registeredAt: 1, erasedAt: 1 },
      }),
    ]);
    return {
      personId,
      account: user
        ? {
            name: String(user.name),
            email: String(user.email),
            emailVerified: user.emailVerified === true,
            language: iso(user.language),
            secondFactor: user.twoFactorEnabled === true,
            createdAt: iso(user.createdAt),
            updatedAt: iso(user.updatedAt),
          }
        : null,
      signInMethods: accounts.map((a) => ({ provider: String(a.providerId), createdAt: iso(a.createdAt) })),
      sessions: sessions.map((s) => ({
        createdAt: iso(s.createdAt),
        expiresAt: iso(s.expiresAt),
        userAgent: iso(s.userAgent),
        ipAddress: iso(s.ipAddress),
      })),
      person: person
        ? {
            language: String(person.language),
            memberships: (person.memberships as unknown[]) ?? [],
            registeredAt: String(person.registeredAt),
            ...(person.erasedAt ? { erasedAt: String(person.erasedAt) } : {}),
          }
        : null,
    };
  },
  /** After better-auth deleted the user, its accounts and sessions: the second factor and pending reset links too. */
  forget: async (personId: string): Promise<void> => {
    const ids = [objectId(personId), personId].filter(Boolean);
    await Promise.all([
      db.collection('twoFactor').deleteMany({ userId: { $in: ids } }),
      db.collection('verification').deleteMany({ value: personId }),
    ]);
  },
});
export type PersonalData = ReturnType<typeof personalData>;
