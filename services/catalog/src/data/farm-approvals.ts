import type { mongo } from 'mongoose';
import type { FarmApprovals } from '../use-cases/ports';

type Doc = mongo.Document;

/**
 * What catalog keeps of identity's approvals: one document per approved farm, keyed by the farm id (so every read is
 * by _id). The first decision recorded stays ($setOnInsert): a decision is final in identity, and a redelivered event
 * finds the document there.
 */
export const farmApprovals = (c: mongo.Collection<Doc>): FarmApprovals => ({
  record: async (a) => {
    await c.updateOne(
      { _id: a.farmId as never },
      {
        $setOnInsert: {
          applicationId: a.applicationId,
          name: a.name,
          region: a.region,
          approvedAt: a.at,
          eventId: a.eventId,
        },
      },
      { upsert: true },
    );
  },
  isApproved: async (farmId) => (await c.countDocuments({ _id: farmId as never }, { limit: 1 })) === 1,
});
