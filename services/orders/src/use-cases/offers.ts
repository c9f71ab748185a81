import { AuditLog, DomainError, type Principal } from '@ftt/kit';
import type { DeliveryOffer } from '../domain/delivery-offer';
import { combineOffers, splitOffer, validateRegionOffer, type RegionOffer } from '../domain/region-offer';
import { LEGACY_MARKET } from '../domain/market';
import type { Markets } from './markets';
import type { OfferStore, StoredOffer } from './ports-offer';

/** How stale the checkout's copy of the offer may get when another instance published a change. */
export const OFFER_CACHE_MS = 5_000;

/**
 * The published delivery offer as the checkout reads it: an in-process copy of all regions, refreshed after a write
 * here and at most every OFFER_CACHE_MS otherwise, so GET /delivery/options and POST /orders cost no query each.
 */
export class Offers {
  private cached: { at: number; regions: StoredOffer[]; offer: DeliveryOffer } | undefined;
  private loading: Promise<StoredOffer[]> | undefined;

  constructor(
    readonly store: OfferStore,
    private readonly clock: () => Date,
  ) {}

  /** Writes the bundled offer's regions that have none stored yet (at start; an operator's edit is never overwritten). */
  async seed(initial: DeliveryOffer): Promise<void> {
    const at = this.clock().toISOString();
    for (const r of splitOffer(initial)) await this.store.insert({ ...r, updatedAt: at, updatedBy: 'bundled demo offer' }, []);
    this.cached = undefined;
  }

  async regions(): Promise<StoredOffer[]> {
    const now = this.clock().getTime();
    if (this.cached && now - this.cached.at < OFFER_CACHE_MS) return this.cached.regions;
    // Concurrent requests after expiry share one read.
    this.loading ??= this.store.all().finally(() => (this.loading = undefined));
    const regions = await this.loading;
    this.cached = { at: now, regions, offer: combineOffers(regions.map((r) => r.offer)) };
    return regions;
  }

  async current(): Promise<DeliveryOffer> {
    await this.regions();
    return this.cached!.offer;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}

export interface OfferAdminDeps {
  offers: Offers;
  markets: Markets;
  audit: AuditLog;
  clock: () => Date;
}

export const regionOffer = async (d: OfferAdminDeps, region: string): Promise<StoredOffer> => {
  const loaded = await d.offers.store.load(region);
  if (!loaded) throw new DomainError('region.not_found', `no delivery offer for ${region}`);
  return { offer: loaded.state, version: loaded.version };
};

/**
 * An operator publishes a region's whole offer. `version` is the one they edited (0 for a new region): another
 * operator's write in between is a 409, never silently overwritten. Orders placed before keep the day and drop they
 * were given (they store them); the change applies to orders placed from now on.
 */
export const publishRegionOffer = async (
  d: OfferAdminDeps,
  by: Principal,
  offer: Omit<RegionOffer, 'timeZone'>,
  version: number,
  reason: string,
  /** The time zone the operator's client sent, if any: the region's is its market's, and another is refused. */
  timeZone?: string,
): Promise<StoredOffer> => {
  const code = offer.market ?? (await d.offers.store.load(offer.region))?.state.market ?? LEGACY_MARKET;
  const market = await d.markets.find(code);
  if (!market)
    throw new DomainError('offer.invalid', 'the delivery offer is not valid', [
      { field: 'body.market', message: `no market ${code}: publish it first` },
    ]);
  if (timeZone !== undefined && timeZone !== market.timeZone)
    throw new DomainError('offer.invalid', 'the delivery offer is not valid', [
      { field: 'body.timeZone', message: `the market ${market.code} keeps time in ${market.timeZone}` },
    ]);
  const others = (await d.offers.store.all()).map((r) => r.offer).filter((o) => o.region !== offer.region);
  const issues = validateRegionOffer({ ...offer, timeZone: market.timeZone }, others, market);
  if (issues.length) throw new DomainError('offer.invalid', 'the delivery offer is not valid', issues);
  const stored = { ...offer, market: code, timeZone: market.timeZone, updatedAt: d.clock().toISOString(), updatedBy: by.userId };
  // the audit entry rides in the offer's own write: no published offer without its entry, even after a crash
  const entry = AuditLog.entry(
    by,
    {
      action: 'delivery_offer.publish',
      target: { type: 'delivery_region', id: offer.region },
      reason,
      details: {
        version: version + 1,
        market: code,
        days: offer.rules.length,
        pickupPoints: offer.pickupPoints.map((p) => p.pickupPointId),
        zones: offer.zones.map((z) => z.zoneId),
      },
    },
    d.clock(),
  );
  const result =
    version === 0
      ? await d.offers.store.insert(stored, [], undefined, [entry])
      : await d.offers.store.update(stored, version, [], undefined, [entry]);
  if (result !== 'written') {
    const now = await d.offers.store.load(offer.region);
    throw new DomainError('offer.conflict', `the offer of ${offer.region} changed meanwhile: reload it and edit again`, [
      { field: 'body.version', message: now ? `the stored version is ${now.version}` : `${offer.region} has no offer yet: use version 0` },
    ]);
  }
  d.offers.invalidate();
  await d.offers.store.settleAudit(d.audit, offer.region);
  return { offer: stored, version: version + 1 };
};
