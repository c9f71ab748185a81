import type { mongo } from 'mongoose';
import type { MarketCopies } from '../use-cases/ports';

type Doc = mongo.Document;

/**
 * What catalog keeps of the markets orders publishes (market.published): per market, read by _id (its code), the
 * currency its listings are priced in. A version only replaces an older one, so a redelivered or late event changes
 * nothing.
 */
export const marketCopies = (c: mongo.Collection<Doc>): MarketCopies => ({
  record: async (m) => {
    try {
      await c.updateOne(
        { _id: m.code as never, version: { $lt: m.version } },
        { $set: { currency: m.currency, version: m.version, eventId: m.eventId } },
        { upsert: true },
      );
    } catch (err) {
      // the upsert met a newer version already stored (its _id is taken): nothing to change
      if ((err as { code?: number }).code !== 11000) throw err;
    }
  },
  currencyOf: async (code) => {
    const doc = await c.findOne({ _id: code as never }, { projection: { currency: 1 } });
    return doc ? String(doc.currency) : null;
  },
});
