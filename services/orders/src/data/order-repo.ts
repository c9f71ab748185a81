import type { OutgoingEvent } from '@ftt/contracts';
import {
  AggregateRepo,
  BUCKET_FIELD,
  findBucketPage,
  findPage,
  INTERNAL_FIELDS,
  type AuditRecord,
  type Loaded,
  type Page,
  type PageDirectory,
  type PageRequest,
  type WriteResult,
} from '@ftt/kit';
import type { mongo } from 'mongoose';
import { buyerNameKeys } from '../domain/buyer-name';
import { moneyDayKeys } from '../domain/reports/money-days';
import { moneyDelta, moneyShares, type MoneyShare } from '../domain/farm-money';
import { FARM_ORDER_STATES, type Order, type OrderState } from '../domain/order';
import { orderAggregate } from '../use-cases/aggregates';
import type { MoneyTotal, OrderStore, PackingSum } from '../use-cases/ports';
import type { Collection } from './collections';
import { farmPacking } from './farm-aggregates';
import type { FarmMoneyRepo } from './farm-money-repo';
import { farmList, farmStateBucketed, farmStateList, orderPageKeys } from './order-pages';

type Doc = mongo.Document;

/** Top-level fields a transition may clear; stored as null so that a $set really clears them. */
const CLEARABLE = ['expiresAt', 'payment', 'refund', 'followUpAt'] as const;
const STORAGE_FIELDS = ['_id', 'version', BUCKET_FIELD, 'buyerNameKeys', 'moneyDays', ...Object.keys(INTERNAL_FIELDS)];
/** What lists leave out: the outbox and the consumed event ids are no business of a reader. */
const LIST_PROJECTION = INTERNAL_FIELDS;

const toDoc = (order: Order): Doc => {
  const doc = JSON.parse(JSON.stringify(order)) as Doc; // drops undefined, keeps the document plain
  for (const k of CLEARABLE) doc[k] ??= null;
  // The order's buckets of the farms' lists, in the same write as the state (order-pages.ts).
  doc[BUCKET_FIELD] = orderPageKeys(order);
  // the back office's search by the buyer's name (data/order-admin-repo.ts) reads these, by their index
  doc.buyerNameKeys = buyerNameKeys(order.dropoff.contactName);
  // the days it moved money, for the farms' reports and the operators' reconciliation (domain/reports/money-days.ts)
  doc.moneyDays = moneyDayKeys(order);
  return doc;
};

const fromDoc = (doc: Doc): Order => {
  const o: Doc = { ...doc };
  for (const k of STORAGE_FIELDS) delete o[k];
  for (const k of CLEARABLE) if (o[k] === null && k !== 'followUpAt') delete o[k];
  return o as Order;
};

const ids = (docs: Doc[]) => docs.map((d) => String(d._id));

/** Loaded orders' money shares remembered (by id and version) for the update that follows, at most this many. */
const SHARES_REMEMBERED = 5000;

export interface OrderRepoOptions {
  /** The directory of the farms' bucketed lists (order-pages.ts). */
  directory: PageDirectory;
  /** The farms' running payout totals, moved in the same transaction as each order write that changes them. */
  money: FarmMoneyRepo;
  /** For those transactions. */
  client: mongo.MongoClient;
}

/**
 * Orders, one document each: state, version, outbox, consumed event ids and bucket keys written together by
 * AggregateStore. A write that moves a farm's money (confirmed, paid out, returned, ...) also adds the difference
 * to the farm's running totals, in one transaction with it.
 */
export class OrderRepo extends AggregateRepo<Order> implements OrderStore {
  private readonly sharesAt = new Map<string, MoneyShare[]>();

  constructor(
    collection: Collection,
    private readonly o: OrderRepoOptions,
  ) {
    super(collection, orderAggregate, { toState: fromDoc, toFields: toDoc, directory: o.directory, client: o.client });
  }

  /** `seen`: whether the consumed event (or webhook) given was already applied to this order. */
  override async load(orderId: string, processedEventId?: string): Promise<Loaded<Order> | null> {
    const loaded = await super.load(orderId, processedEventId);
    if (loaded) this.remember(orderId, loaded.version, moneyShares(loaded.state));
    return loaded;
  }

  /** A stored version never changes, so its shares are known for good (the update of that version needs them). */
  private remember(orderId: string, version: number, shares: MoneyShare[]) {
    if (this.sharesAt.size >= SHARES_REMEMBERED) this.sharesAt.delete(this.sharesAt.keys().next().value!);
    this.sharesAt.set(`${orderId}@${version}`, shares);
  }

  /** The money shares of the stored order at `version` (remembered from its load, else read). */
  private async sharesOf(orderId: string, version: number): Promise<MoneyShare[] | undefined> {
    const key = `${orderId}@${version}`;
    const known = this.sharesAt.get(key);
    if (known) {
      this.sharesAt.delete(key);
      return known;
    }
    const doc = await this.collection.findOne({ _id: orderId, version } as Doc, { projection: { state: 1, farms: 1 } });
    return doc ? moneyShares(doc as unknown as Order) : undefined;
  }

  /**
   * State, events to publish and the consumed event id, in one conditional single-document update; when the write
   * moves the farms' money, in one transaction with the running totals. (An order is placed pending: its insert
   * moves no money.)
   */
  override async update(order: Order, expectedVersion: number, events: OutgoingEvent[], processedEventId?: string, audit?: AuditRecord[]): Promise<WriteResult> {
    const before = await this.sharesOf(order.orderId, expectedVersion);
    // No stored order at that version: the write conflicts (or is a redelivery) and moves nothing.
    const delta = before ? moneyDelta(before, moneyShares(order)) : [];
    return this.store.update(order.orderId, expectedVersion, toDoc(order), {
      events,
      processedEventId,
      audit,
      alongside: delta.length ? (session) => this.o.money.add(delta, order.orderId, session) : undefined,
    });
  }

  /** A buyer's orders, newest first by (placedAt, _id) on { buyerId, placedAt, _id }. */
  pageByBuyer(buyerId: string, page: PageRequest): Promise<Page<Order>> {
    return findPage(this.collection, { filter: { buyerId }, by: 'placedAt', dir: -1, page, projection: LIST_PROJECTION, map: fromDoc });
  }

  /**
   * A farm's orders in these states (of one delivery day), newest first by (placedAt, _id). The farm's list and its
   * list in one end state are day-bucketed (order-pages.ts); one delivery day, or one state orders pass through (the
   * orders in flight), are read through the farm's indexes.
   */
  pageByFarm(farmId: string, f: { states: readonly OrderState[]; day?: string | undefined }, page: PageRequest): Promise<Page<Order>> {
    const one = f.states.length === 1 ? f.states[0]! : undefined;
    const all = f.states.length === FARM_ORDER_STATES.length && FARM_ORDER_STATES.every((s) => f.states.includes(s));
    if (!f.day && (all || (one && farmStateBucketed(one)))) {
      return findBucketPage(this.collection, {
        directory: this.o.directory,
        list: all ? farmList(farmId) : farmStateList(farmId, one!),
        by: 'placedAt',
        page,
        projection: LIST_PROJECTION,
        map: fromDoc,
      });
    }
    const filter: Doc = { farmIds: farmId, state: one ?? { $in: [...f.states] } };
    if (f.day) filter['delivery.day'] = f.day;
    return findPage(this.collection, {
      filter,
      by: 'placedAt',
      dir: -1,
      page,
      projection: LIST_PROJECTION,
      // The farm's own indexes: the back office's (state, placedAt, _id) index would read every order in these states.
      hint: f.day ? { farmIds: 1, 'delivery.day': 1, placedAt: -1, _id: -1 } : { farmIds: 1, state: 1, placedAt: -1, _id: -1 },
      map: fromDoc,
    });
  }

  /** A farm's completed orders (the ones with payouts), newest first: the farm's day-bucketed list of them. */
  pageCompletedByFarm(farmId: string, page: PageRequest): Promise<Page<Order>> {
    return findBucketPage(this.collection, {
      directory: this.o.directory,
      list: farmStateList(farmId, 'completed'),
      by: 'placedAt',
      page,
      projection: LIST_PROJECTION,
      map: fromDoc,
    });
  }

  /** A farm's orders for one delivery day (the packing list), served by { farmIds, delivery.day, placedAt, _id }. */
  async listByFarmDay(farmId: string, day: string, states: readonly OrderState[], limit = 500): Promise<Order[]> {
    const docs = await this.collection
      .find({ farmIds: farmId, 'delivery.day': day, state: { $in: [...states] } }, { projection: LIST_PROJECTION })
      .limit(limit)
      .toArray();
    return docs.map(fromDoc);
  }

  /** The orders that moved money on these days (keys of domain/reports/money-days.ts), on { moneyDays }. */
  async listByMoneyDays(keys: readonly string[], limit = 20_000): Promise<Order[]> {
    if (!keys.length) return [];
    const docs = await this.collection
      .find({ moneyDays: { $in: [...keys] } }, { projection: LIST_PROJECTION })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(fromDoc);
  }

  /** The farm's running payout totals (a few small documents, whatever its history). */
  farmMoney(farmId: string): Promise<MoneyTotal[]> {
    return this.o.money.totals(farmId);
  }

  reconcileFarmMoney(farmId: string) {
    return this.o.money.reconcile(this.collection, farmId);
  }

  farmPacking(farmId: string, day?: string): Promise<PackingSum[]> {
    return farmPacking(this.collection, farmId, day);
  }

  async dueForExpiry(nowIso: string, limit = 50): Promise<string[]> {
    const docs = await this.collection
      .find({ state: { $in: ['pending', 'awaiting_payment'] }, expiresAt: { $lte: nowIso } }, { projection: { _id: 1 } })
      .limit(limit)
      .toArray();
    return ids(docs);
  }

  countInFlight(): Promise<number> {
    return this.collection.countDocuments({ state: 'pending' });
  }

  async dueForFollowUp(nowIso: string, limit = 50): Promise<string[]> {
    return ids(await this.collection.find({ followUpAt: { $lte: nowIso } }, { projection: { _id: 1 } }).limit(limit).toArray());
  }
}
