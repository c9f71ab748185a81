import { createHash } from 'node:crypto';
import type { mongo } from 'mongoose';
import { addShares, MONEY_FIELDS, type MoneyShare } from '../domain/farm-money';
import type { FarmMoneyRow, MoneyTotal } from '../use-cases/ports';
import type { Collection } from './collections';
import { farmMoney } from './farm-aggregates';

type Doc = mongo.Document;

/**
 * Shards per farm and currency: concurrent orders of one farm add to different documents, so their transactions
 * rarely meet on one (a single hot document made 30 concurrent writers retry for 1.6 s on SecantusDB). A read sums
 * at most this many small documents per currency.
 */
export const MONEY_SHARDS = 8;

const shardOf = (key: string) => createHash('sha1').update(key).digest().readUInt32BE(0) % MONEY_SHARDS;
const docId = (farmId: string, currency: string, shard: number) => `${farmId}|${currency}|${shard}`;

/** The old grouping (per state and payout status) as totals, as the running totals count them. */
export const totalsFromRows = (rows: FarmMoneyRow[]): MoneyTotal[] => {
  const by = new Map<string, MoneyTotal>();
  for (const r of rows) {
    const t = by.get(r.currency) ?? { currency: r.currency, gross: 0, platformFee: 0, paid: 0, pending: 0, transfers: 0 };
    if (r.payoutStatus) {
      t.gross += r.payoutGross;
      t.platformFee += r.payoutFee;
      if (r.payoutStatus === 'paid') {
        t.paid += r.payoutAmount;
        t.transfers += r.count;
      } else t.pending += r.payoutAmount;
    } else if (r.state === 'confirmed') {
      t.gross += r.goods;
      t.platformFee += r.platformFee;
      t.pending += r.farmerReceives;
    } // completed without a payout: a part that paid nothing
    by.set(r.currency, t);
  }
  return [...by.values()].filter((t) => MONEY_FIELDS.some((f) => t[f] !== 0)).sort((a, b) => a.currency.localeCompare(b.currency));
};

const sameTotals = (a: MoneyTotal[], b: MoneyTotal[]) => {
  const key = (t: MoneyTotal[]) => JSON.stringify(t.filter((x) => MONEY_FIELDS.some((f) => x[f] !== 0)).map((x) => [x.currency, ...MONEY_FIELDS.map((f) => x[f])]));
  return key(a) === key(b);
};

/**
 * A farm's payout totals, kept running: `farm_money` holds per farm, currency and shard the sums of the orders'
 * money shares (domain/farm-money.ts). Every order write that moves a share adds the difference in the same
 * transaction as the order's own write (OrderRepo.update), so the totals cost a few small documents to read however
 * long the farm's history. `reconcile` recomputes them from the orders.
 */
export class FarmMoneyRepo {
  constructor(
    readonly collection: Collection,
    private readonly client?: mongo.MongoClient,
  ) {}

  /** Adds these differences to the shard of `shardKey` (the order's id), within the caller's transaction. */
  async add(deltas: MoneyShare[], shardKey: string, session?: mongo.ClientSession): Promise<void> {
    if (!deltas.length) return;
    const shard = shardOf(shardKey);
    await this.collection.bulkWrite(
      deltas.map((d) => ({
        updateOne: {
          filter: { _id: docId(d.farmId, d.currency, shard) } as Doc,
          update: {
            $inc: Object.fromEntries(MONEY_FIELDS.map((f) => [f, d[f]])),
            $setOnInsert: { farmId: d.farmId, currency: d.currency, shard },
          },
          upsert: true,
        },
      })),
      { ordered: true, ...(session ? { session } : {}) },
    );
  }

  /** The farm's totals per currency (its shards summed). */
  async totals(farmId: string, session?: mongo.ClientSession): Promise<MoneyTotal[]> {
    const docs = await this.collection.find({ farmId }, session ? { session } : {}).toArray();
    const sum = addShares(
      new Map(),
      docs.map((d) => ({ farmId, currency: String(d.currency), ...Object.fromEntries(MONEY_FIELDS.map((f) => [f, Number(d[f] ?? 0)])) }) as MoneyShare),
    );
    // A currency whose orders all went back (or were refunded) sums to nothing: left out, as the orders' sum leaves it.
    return [...sum.values()]
      .filter((t) => MONEY_FIELDS.some((f) => t[f] !== 0))
      .map(({ farmId: _f, ...t }) => t)
      .sort((a, b) => a.currency.localeCompare(b.currency));
  }

  /**
   * Recomputes the farm's totals from its orders (the aggregation over its history the totals replaced) and, when
   * they differ, sets them: in one transaction that also writes every shard of the farm, so an order write that
   * commits meanwhile conflicts with it and one of the two is repeated on the other's result. For an operator
   * (POST /admin/farms/:farmId/payouts/totals/reconcile) and the start-up of a store whose orders predate the totals.
   */
  async reconcile(orders: Collection, farmId: string): Promise<{ before: MoneyTotal[]; after: MoneyTotal[]; changed: boolean }> {
    if (!this.client) throw new Error('FarmMoneyRepo.reconcile needs the client (a transaction)');
    const session = this.client.startSession();
    let result: { before: MoneyTotal[]; after: MoneyTotal[]; changed: boolean } | undefined;
    try {
      await session.withTransaction(async () => {
        const before = await this.totals(farmId, session);
        const after = totalsFromRows(await farmMoney(orders, farmId, session));
        const changed = !sameTotals(before, after);
        if (changed) {
          // Every shard of every currency written (zeroed, created if missing), then the sums added to one.
          const currencies = new Set([...before, ...after].map((t) => t.currency));
          const zero = Object.fromEntries(MONEY_FIELDS.map((f) => [f, 0]));
          await this.collection.bulkWrite(
            [...currencies].flatMap((currency) =>
              Array.from({ length: MONEY_SHARDS }, (_, shard) => ({
                updateOne: { filter: { _id: docId(farmId, currency, shard) } as Doc, update: { $set: { ...zero, farmId, currency, shard } }, upsert: true },
              })),
            ),
            { ordered: true, session },
          );
          await this.add(after.map((t) => ({ farmId, ...t })), '', session);
        }
        result = { before, after, changed };
      });
    } finally {
      await session.endSession();
    }
    return result!;
  }

  /**
   * Once per store (a marker document): the totals of every farm with orders, from its orders, for a store whose
   * orders were written before the running totals existed. `farmIds`: the farms to do (orders' read model knows them).
   */
  async initialize(orders: Collection, farmIds: () => Promise<string[]>): Promise<number> {
    const marker = '~initialized|v1';
    if (await this.collection.findOne({ _id: marker } as Doc, { projection: { _id: 1 } })) return 0;
    let changed = 0;
    for (const farmId of await farmIds()) if ((await this.reconcile(orders, farmId)).changed) changed++;
    await this.collection.updateOne({ _id: marker } as Doc, { $set: { at: new Date(), changed } }, { upsert: true });
    return changed;
  }
}
