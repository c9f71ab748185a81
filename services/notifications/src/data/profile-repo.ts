import type { mongo } from 'mongoose';
import type { Language } from '../domain/notice';
import { preferenceSettings, type Preferences, type Profile, type ProfileRole } from '../domain/preferences';
import type { ProfileStore } from '../use-cases/ports';

type Doc = mongo.Document;

const toProfile = (doc: Doc): Profile => {
  const { _id, ...rest } = doc;
  return { userId: String(_id), preferences: {}, ...rest } as Profile;
};

/** One profile per person (the token's sub): email, language, preferences, and their roles and regions (memberships). */
export class ProfileRepo implements ProfileStore {
  constructor(private readonly collection: mongo.Collection<Doc>) {}

  async get(userId: string) {
    const doc = await this.collection.findOne({ _id: userId } as Doc);
    return doc ? toProfile(doc) : null;
  }

  async touch(userId: string, roles: ProfileRole[], regions: string[], defaults: Profile) {
    const upsert = () =>
      this.collection.findOneAndUpdate(
        { _id: userId } as Doc,
        {
          // `role` and `region` were the single role and region of the tokens before memberships
          $set: { roles, regions },
          $unset: { role: '', region: '' },
          $setOnInsert: {
            email: defaults.email,
            language: defaults.language,
            preferences: defaults.preferences,
          },
        },
        { upsert: true, returnDocument: 'after' },
      );
    // Two first requests of a new user race to insert the profile: the loser gets a duplicate key or, on this
    // database server, no document at all (measured: of two concurrent upserts of one new _id, the loser answers
    // n 1, upserted null, value null about 9 times in 10), sometimes before the winner's insert shows. The profile
    // exists a moment later, so the same update again finds and updates it.
    let after: Doc | null = null;
    for (let attempt = 1; !after; attempt++) {
      after = await upsert().catch((err: unknown) => {
        if ((err as { code?: number }).code === 11000) return null;
        throw err;
      });
      if (!after && attempt >= 5) throw new Error(`profile ${userId} neither inserted nor found`);
      if (!after) await new Promise((r) => setTimeout(r, 5 * attempt));
    }
    return toProfile(after);
  }

  async update(
    userId: string,
    change: {
      email?: string | undefined;
      language?: Language | undefined;
      preferences?: Preferences | undefined;
    },
  ) {
    const set: Doc = {};
    if (change.email) set.email = change.email;
    if (change.language) set.language = change.language;
    for (const [kind, channel, on] of preferenceSettings(change.preferences ?? {})) {
      set[`preferences.${kind}.${channel}`] = on;
    }
    if (Object.keys(set).length) await this.collection.updateOne({ _id: userId } as Doc, { $set: set });
  }

  async introduce(userId: string, email: string, language: Language, defaultEmail: string) {
    // an existing profile still on the placeholder address (made by a first call before the event came)
    await this.collection.updateOne({ _id: userId, email: defaultEmail, erasedAt: { $exists: false } } as Doc, {
      $set: { email, language },
    });
    await this.collection
      .updateOne(
        { _id: userId } as Doc,
        { $setOnInsert: { email, language, preferences: {}, roles: [], regions: [] } },
        { upsert: true },
      )
      // a first call inserting the profile at the same moment: it exists, and the update above is for that case
      .catch((err: unknown) => {
        if ((err as { code?: number }).code !== 11000) throw err;
      });
  }

  async forget(userId: string, at: string) {
    await this.collection.replaceOne(
      { _id: userId } as Doc,
      { erasedAt: at, roles: [], regions: [] },
      { upsert: true },
    );
  }

  async partnersIn(region: string) {
    const docs = await this.collection
      .find({ regions: region }, { projection: { _id: 1 } })
      .limit(1000)
      .toArray();
    return docs.map((d) => String(d._id));
  }

  async admins() {
    const docs = await this.collection
      .find({ roles: 'admin' }, { projection: { _id: 1 } })
      .limit(1000)
      .toArray();
    return docs.map((d) => String(d._id));
  }
}
