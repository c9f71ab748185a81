import { AuditLog, DomainError, envelopesFor, type Principal } from '@ftt/kit';
import { marketTaxRates, validateMarket, type Market } from '../domain/market';
import type { MarketTaxRates } from '../domain/receipts/tax-rates';
import { SOURCE } from './aggregates';
import type { MarketRecord, MarketStore, StoredMarket } from './ports-market';

/** How stale a copy of the markets may get when another instance published a change. */
export const MARKET_CACHE_MS = 5_000;

const toEvents = envelopesFor<MarketRecord>(SOURCE);

/**
 * The published markets as the order path reads them: an in-process copy, refreshed after a write here and at most
 * every MARKET_CACHE_MS otherwise, so placing an order or rendering a receipt costs no query for its market.
 */
export class Markets {
  private cached: { at: number; markets: Map<string, StoredMarket> } | undefined;
  private loading: Promise<StoredMarket[]> | undefined;

  constructor(
    readonly store: MarketStore,
    private readonly clock: () => Date,
    /** The market of documents and events that carry none (config TAX_MARKET: `nl` unless told otherwise). */
    readonly defaultCode: string,
  ) {}

  /** Writes the bundled markets that have none stored yet (at start; an operator's edit is never overwritten). */
  async seed(initial: readonly Market[]): Promise<void> {
    const at = this.clock().toISOString();
    for (const m of initial) {
      const record = { ...m, updatedAt: at, updatedBy: 'bundled market' };
      const events = toEvents([published(record, 1)], { id: m.code, state: record, cause: {}, now: this.clock() });
      if ((await this.store.insert(record, events)) === 'written') this.store.kick(m.code);
    }
    this.cached = undefined;
  }

  async all(): Promise<Map<string, StoredMarket>> {
    const now = this.clock().getTime();
    if (this.cached && now - this.cached.at < MARKET_CACHE_MS) return this.cached.markets;
    // Concurrent requests after expiry share one read.
    this.loading ??= this.store.all().finally(() => (this.loading = undefined));
    const markets = new Map((await this.loading).map((m) => [m.market.code, m]));
    this.cached = { at: now, markets };
    return markets;
  }

  /** The published markets by code (what pricing checks addresses with). */
  async byCode(): Promise<ReadonlyMap<string, MarketRecord>> {
    return new Map([...(await this.all())].map(([code, m]) => [code, m.market]));
  }

  /** A market by its code (the default market when none is given), or null when none is published under it. */
  async find(code: string | undefined): Promise<MarketRecord | null> {
    return (await this.all()).get(code ?? this.defaultCode)?.market ?? null;
  }

  /** A market that must exist (a document names it): a missing one is a bug of data, reported as not found. */
  async get(code: string | undefined): Promise<MarketRecord> {
    const m = await this.find(code);
    if (!m) throw new DomainError('market.not_found', `no market ${code ?? this.defaultCode}`);
    return m;
  }

  async taxRates(code: string | undefined): Promise<MarketTaxRates> {
    return marketTaxRates(await this.get(code));
  }

  invalidate(): void {
    this.cached = undefined;
  }
}

const published = (m: MarketRecord, version: number) => {
  const { updatedAt, updatedBy: _b, ...market } = m;
  return { type: 'ftt.orders.market.published.v1' as const, data: { ...market, version, publishedAt: updatedAt } };
};

export interface MarketAdminDeps {
  markets: Markets;
  audit: AuditLog;
  clock: () => Date;
}

export const storedMarket = async (d: Pick<MarketAdminDeps, 'markets'>, code: string): Promise<StoredMarket> => {
  const loaded = await d.markets.store.load(code);
  if (!loaded) throw new DomainError('market.not_found', `no market ${code}`);
  return { market: loaded.state, version: loaded.version };
};

/**
 * An operator publishes a market whole. `version` is the one they edited (0 for a new market): another operator's
 * write in between is a 409, never silently overwritten. The state, its audit entry and its market.published event
 * are one write (the market's outbox). Documents that belong to the market keep what they stored (an order its
 * currency, amounts and day); the change applies from now on.
 */
export const publishMarket = async (
  d: MarketAdminDeps,
  by: Principal,
  market: Market,
  version: number,
  reason: string,
): Promise<StoredMarket> => {
  const issues = validateMarket(market);
  if (issues.length) throw new DomainError('market.invalid', 'the market is not valid', issues);
  if (version > 0) {
    const before = await d.markets.store.load(market.code);
    // Amounts already stored are minor units of the old currency: a market keeps its currency once it has one.
    if (before && before.state.currency.code !== market.currency.code)
      throw new DomainError('market.invalid', 'a market keeps its currency', [
        { field: 'body.currency.code', message: `${market.code} is priced in ${before.state.currency.code}; publish a new market instead` },
      ]);
  }
  const now = d.clock();
  const record: MarketRecord = { ...market, updatedAt: now.toISOString(), updatedBy: by.userId };
  const entry = AuditLog.entry(
    by,
    {
      action: 'market.publish',
      target: { type: 'market', id: market.code },
      reason,
      details: { version: version + 1, currency: market.currency.code, timeZone: market.timeZone, paymentMethods: market.paymentMethods },
    },
    now,
  );
  const events = toEvents([published(record, version + 1)], { id: market.code, state: record, cause: {}, now });
  const result =
    version === 0
      ? await d.markets.store.insert(record, events, undefined, [entry])
      : await d.markets.store.update(record, version, events, undefined, [entry]);
  if (result !== 'written') {
    const stored = await d.markets.store.load(market.code);
    throw new DomainError('market.conflict', `the market ${market.code} changed meanwhile: reload it and edit again`, [
      { field: 'body.version', message: stored ? `the stored version is ${stored.version}` : `${market.code} is not published yet: use version 0` },
    ]);
  }
  d.markets.invalidate();
  d.markets.store.kick(market.code);
  await d.markets.store.settleAudit(d.audit, market.code);
  return { market: record, version: version + 1 };
};
