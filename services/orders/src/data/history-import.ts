import { BUCKET_FIELD, PageDirectory } from '@ftt/kit';
import type { mongo } from 'mongoose';
import { addShares, moneyShares, type MoneyShare } from '../domain/farm-money';
import type { Order } from '../domain/order';
import { FarmMoneyRepo } from './farm-money-repo';
import { orderPageKeys } from './order-pages';

type Doc = mongo.Document;

/**
 * For orders stored in bulk rather than through the service (the history benchmark's seed, tests that need
 * hundreds of orders fast): what the service writes with each order besides its state, written as it would
 * have. Each document gets its bucket keys (from its own state and placedAt), their days go into the directory,
 * and the farms' running totals move by the orders' money shares. Call before inserting the documents (the
 * directory must list a day before an order of it exists); the documents are changed in place.
 */
export const prepareOrderImport = async (db: mongo.Db, docs: Doc[]): Promise<void> => {
  const keys: string[] = [];
  const money = new Map<string, MoneyShare>();
  for (const doc of docs) {
    const k = orderPageKeys(doc as unknown as Pick<Order, 'farmIds' | 'state' | 'placedAt'>);
    doc[BUCKET_FIELD] = k;
    keys.push(...k);
    addShares(money, moneyShares(doc as unknown as Order));
  }
  await new PageDirectory(db.collection('page_buckets')).ensure(keys);
  // One shard per batch: a seed's batches spread over the shards as orders' writes do.
  await new FarmMoneyRepo(db.collection('farm_money')).add([...money.values()], String(docs[0]?._id ?? ''));
};
