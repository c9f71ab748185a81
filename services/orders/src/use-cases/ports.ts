import type { ListingSnapshot, Money } from '@ftt/contracts';
import type { AuditLog, CommandStore, Loaded, Page, PageRequest } from '@ftt/kit';
import type { MoneyShare } from '../domain/farm-money';
import type { ProviderTransaction } from '../domain/reports/reconciliation';
import type { ListingRecord } from '../domain/listing';
import type { Order, OrderState } from '../domain/order';
import type { PaymentMethod } from '../domain/market';

/*
 * What the use cases depend on. data/ implements the stores (OrderRepo, ListingRepo, IdempotencyRepo),
 * payments/ the provider; service.ts wires them.
 */

/**
 * Orders: the command handler's store (load with "seen" for a consumed event id, insert, conditional update,
 * each a single-document write with the events) and the reads of the API and the sweeper, each on an index.
 */
export interface OrderStore extends CommandStore<Order> {
  load(orderId: string, processedEventId?: string): Promise<Loaded<Order> | null>;
  pageByBuyer(buyerId: string, page: PageRequest): Promise<Page<Order>>;
  pageByFarm(farmId: string, f: { states: readonly OrderState[]; day?: string | undefined }, page: PageRequest): Promise<Page<Order>>;
  pageCompletedByFarm(farmId: string, page: PageRequest): Promise<Page<Order>>;
  /** One delivery day's orders of a farm (bounded by the day): the packing list's PDF. */
  listByFarmDay(farmId: string, day: string, states: readonly OrderState[], limit?: number): Promise<Order[]>;
  /** The orders that moved money on these days (domain/reports/money-days.ts keys): reports of a period. */
  listByMoneyDays(keys: readonly string[], limit?: number): Promise<Order[]>;
  /** The farm's payout totals over its whole history (running totals, kept with each order write). */
  farmMoney(farmId: string): Promise<MoneyTotal[]>;
  /** Recomputes the farm's running totals from its orders; sets them when they differ. */
  reconcileFarmMoney(farmId: string): Promise<{ before: MoneyTotal[]; after: MoneyTotal[]; changed: boolean }>;
  /** What is still to pack, summed per lot by the database. */
  farmPacking(farmId: string, day?: string): Promise<PackingSum[]>;
  /** Orders still waiting for stock or payment whose deadline passed. */
  dueForExpiry(nowIso: string, limit?: number): Promise<string[]>;
  /** Orders that still owe provider work (a refund, payouts) and are due for another attempt. */
  dueForFollowUp(nowIso: string, limit?: number): Promise<string[]>;
  /** Orders placed and not yet answered by catalog: the saga's work in flight (served by the state index). */
  countInFlight(): Promise<number>;
  /** Moves the audit entries an order's writes carried (Cause.audit) into the trail. */
  settleAudit(audit: AuditLog, orderId: string): Promise<void>;
}

/** A farm's money in one currency over its whole history (minor units): the sum of its orders' shares. */
export type MoneyTotal = Omit<MoneyShare, 'farmId'>;

/** One group of a farm's order parts: confirmed ones will pay `farmerReceives`; completed ones carry a payout. */
export interface FarmMoneyRow {
  state: 'confirmed' | 'completed';
  payoutStatus?: 'pending' | 'paid' | undefined;
  currency: string;
  goods: number;
  platformFee: number;
  farmerReceives: number;
  payoutGross: number;
  payoutFee: number;
  payoutAmount: number;
  count: number;
}

export interface PackingSum {
  listingId: string;
  title: string;
  unit: string;
  lotCode: string;
  quantity: number;
}

/** orders' read model of catalog's listings; 'stale' when the stored version is the same or newer. */
export interface ListingStore {
  upsertSnapshot(s: ListingSnapshot): Promise<'applied' | 'stale'>;
  markArchived(listingId: string, version: number): Promise<'applied' | 'stale'>;
  getMany(listingIds: string[]): Promise<Map<string, ListingRecord>>;
  /** Who farms a farm, and where its payouts go, as last announced by catalog. */
  farm(
    farmId: string,
  ): Promise<{ farmerId: string; farmName: string; region: string; payoutAccountId?: string | undefined } | undefined>;
}

export interface IdempotencyRecord {
  buyerId: string;
  key: string;
  bodyHash: string;
  orderId: string;
}

/**
 * Idempotency-Key records written before an order's id came from its key (see IdempotencyRepo): a retry of such a
 * request finds its order through them.
 */
export interface IdempotencyStore {
  find(buyerId: string, key: string): Promise<IdempotencyRecord | undefined>;
}

/**
 * What the saga needs from a payment provider. Every call carries an idempotency key derived from
 * the order, so a call repeated after a crash or a timeout returns the first call's result instead
 * of charging, refunding or paying out twice.
 */
export interface PaymentProvider {
  readonly name: 'stripe' | 'simulated';
  createPayment(input: {
    orderId: string;
    amount: Money;
    /** The one method the buyer chose (one of the market's); a provider maps it to its own (Stripe's payment method type). */
    method: PaymentMethod;
    idempotencyKey: string;
  }): Promise<{ paymentId: string; clientSecret: string }>;
  refund(input: { orderId: string; paymentId: string; amount: Money; idempotencyKey: string }): Promise<{ refundId: string }>;
  /**
   * The provider's balance transactions created in [from, to): captures, refunds, transfers and its own movements,
   * for the operators' reconciliation of a day (Stripe: listed with auto-pagination; simulated: what it recorded).
   */
  balanceTransactions(range: { from: Date; to: Date }): Promise<ProviderTransaction[]>;
  /** The simulated provider's record of a capture (Stripe records its own; the simulated one learns it from /pay). */
  recordCapture?(input: { paymentId: string; amount: Money; at: Date }): void;
  transfer(input: {
    orderId: string;
    farmId: string;
    amount: Money;
    destination: string;
    idempotencyKey: string;
  }): Promise<{ transferId: string }>;
}

/** The keys are part of the contract with the provider: the same order always yields the same key. */
export const idempotencyKeys = {
  payment: (orderId: string) => `pi-${orderId}`,
  refund: (orderId: string) => `re-${orderId}`,
  transfer: (orderId: string, farmId: string) => `tr-${orderId}-${farmId}`,
};

/** A business buyer's company details on one of its orders, and when its invoice was first issued. */
export interface InvoiceDetails {
  company: import('../domain/receipts/company').CompanyDetails;
  savedAt: string;
  issuedAt?: string | undefined;
}

/** The company details of orders (data/invoice-details-repo.ts): frozen once the invoice is issued. */
export interface InvoiceDetailsStore {
  get(orderId: string): Promise<InvoiceDetails | undefined>;
  /** 'issued' when the order's invoice exists already: its details do not change any more. */
  save(orderId: string, company: import('../domain/receipts/company').CompanyDetails, at: string): Promise<'saved' | 'issued'>;
  markIssued(orderId: string, at: string): Promise<void>;
}
