import type { mongo } from 'mongoose';
import type { FarmMoneyRow, PackingSum } from '../use-cases/ports';
import type { Collection } from './collections';

type Doc = mongo.Document;

/**
 * The farm's money per (order state, payout status, currency) summed over its whole history by the database:
 * paid and pending payouts of completed orders, and what confirmed orders will pay once delivered. A part that went
 * back to the farm pays nothing and is left out. Its cost follows the farm's history (seconds at 15,000 orders of a
 * farm on SecantusDB), so the API reads the running totals (farm-money-repo.ts) and this only reconciles them.
 */
export const farmMoney = async (orders: Collection, farmId: string, session?: mongo.ClientSession): Promise<FarmMoneyRow[]> => {
  const rows = await orders
    .aggregate<Doc>([
      { $match: { farmIds: farmId, state: { $in: ['confirmed', 'completed'] } } },
      { $project: { state: 1, farms: 1 } },
      { $unwind: '$farms' },
      { $match: { 'farms.farmId': farmId, 'farms.returned': null } },
      {
        $group: {
          _id: { state: '$state', status: '$farms.payout.status', currency: '$farms.farmerReceives.currency' },
          goods: { $sum: '$farms.goods.amount' },
          platformFee: { $sum: '$farms.platformFee.amount' },
          farmerReceives: { $sum: '$farms.farmerReceives.amount' },
          payoutGross: { $sum: '$farms.payout.gross.amount' },
          payoutFee: { $sum: '$farms.payout.platformFee.amount' },
          payoutAmount: { $sum: '$farms.payout.amount.amount' },
          count: { $sum: 1 },
        },
      },
    ], session ? { session } : {})
    .toArray();
  return rows.map((r) => ({
    state: r._id.state as 'confirmed' | 'completed',
    payoutStatus: (r._id.status ?? undefined) as 'pending' | 'paid' | undefined,
    currency: String(r._id.currency),
    goods: Number(r.goods),
    platformFee: Number(r.platformFee),
    farmerReceives: Number(r.farmerReceives),
    payoutGross: Number(r.payoutGross),
    payoutFee: Number(r.payoutFee),
    payoutAmount: Number(r.payoutAmount),
    count: Number(r.count),
  }));
};

/**
 * What is still to pack (paid, not yet picked up at this farm), summed per lot; one delivery day or all of them.
 * Read through `{ farmIds, state, placedAt, _id }`: the farm's confirmed orders are the ones in flight, so the cost
 * follows today's orders, not the farm's history. The query is the equality alone, with no hint and the part's
 * condition as a later stage: on SecantusDB a hint, or an `$elemMatch` in the query, takes a slower path that
 * reads the same documents (measured at 20,000 orders: 50 ms with the hint and the `$elemMatch`, 6 ms like this).
 */
export const farmPacking = async (orders: Collection, farmId: string, day?: string): Promise<PackingSum[]> => {
  const rows = await orders
    .aggregate<Doc>([
      { $match: { farmIds: farmId, state: 'confirmed', ...(day ? { 'delivery.day': day } : {}) } },
      { $project: { lines: 1, farms: 1 } },
      { $match: { farms: { $elemMatch: { farmId, pickedUpAt: null } } } },
      { $project: { lines: 1 } },
      { $unwind: '$lines' },
      { $match: { 'lines.farmId': farmId } },
      {
        $group: {
          _id: { listingId: '$lines.listingId', lotCode: '$lines.lotCode' },
          title: { $first: '$lines.title' },
          unit: { $first: '$lines.unit' },
          quantity: { $sum: '$lines.quantity' },
        },
      },
    ])
    .toArray();
  return rows
    .map((r) => ({ listingId: String(r._id.listingId), lotCode: String(r._id.lotCode), title: String(r.title), unit: String(r.unit), quantity: Number(r.quantity) }))
    .sort((a, b) => a.title.localeCompare(b.title) || a.lotCode.localeCompare(b.lotCode));
};
