import { LEGACY_MARKET, type EventData } from '@ftt/contracts';
import { change, DomainError, mayFarm, reject, requireFarm, type Cause, type Outcome, type Principal } from '@ftt/kit';
import { farmSummary } from '../domain/farm';
import type { AdjustmentKind, Listing, ListingEvent, ListingInput, ListingPatch, StockAdjustment } from '../domain/listing';
import {
  archiveListing,
  decideAdjustment,
  editListing,
  newListing,
  pauseListing,
  publishListing,
  stockDelta,
  type ListingOutcome,
} from '../domain/listing-decide';
import { asOwner, decided, written, type Context } from './context';
import type { ListingRecord } from './ports';
import { notFound, ownListing } from './queries';

/** Deciders see the listing without its stock; the record keeps the stock as loaded (only $inc moves it). */
export const withStock =
  (decide: (l: Listing, now: Date) => ListingOutcome) =>
  (record: ListingRecord, now: Date): Outcome<ListingRecord, ListingEvent> => {
    const { stock, ...listing } = record;
    const o = decide(listing, now);
    return o.kind === 'change' ? change({ ...o.state, stock }, o.events) : o;
  };

export const createListing = async (
  d: Context,
  actor: Principal,
  farmId: string,
  input: ListingInput & { available: number },
): Promise<ListingRecord> => {
  const { available, ...fields } = input;
  const farm = await d.farms.get(farmId);
  if (farm && mayFarm(actor, farm.id, 'listings.write')) await checkCurrency(d, farm, fields.unitPrice);
  const id = d.newId();
  const listing = written(
    await d.handleListing(id, async (_new, now) => {
      const farm = await d.farms.get(farmId);
      if (!farm) return reject('farm.not_found', `no farm ${farmId}`);
      requireFarm(actor, farm.id, 'listings.write', 'farm');
      return change({ ...newListing(id, farm.id, farmSummary(farm), fields, now), stock: { available, reserved: 0, sold: 0 } });
    }),
  );
  d.log.info({ listingId: id, farmId }, 'listing created');
  return listing;
};

/** A change the listing's farmer asks for: its state and events in one write, retried on a concurrent edit. */
const transition = async (
  d: Context,
  actor: Principal,
  listingId: string,
  decide: (l: Listing, now: Date) => ListingOutcome,
  cause: Cause,
): Promise<ListingRecord> => {
  const listing = written(await d.handleListing(listingId, asOwner('listing', listingId, actor, 'listings.write', withStock(decide)), cause));
  d.log.info({ listingId, status: listing.status, version: listing.version }, 'listing changed');
  return listing;
};

export const updateListing = async (d: Context, actor: Principal, id: string, patch: ListingPatch, cause: Cause) => {
  const listing = patch.unitPrice ? await d.listings.get(id) : null;
  if (listing && mayFarm(actor, listing.farmId, 'listings.write')) await checkCurrency(d, listing.farm, patch.unitPrice);
  return transition(d, actor, id, (l, now) => editListing(l, patch, now), cause);
};
/**
 * Publishing needs an approved farm (issue #28): an operator approved its "Sell on FieldToTable" application in
 * identity, which catalog learnt from application.decided. Checked before the listing's write; approvals are final,
 * so a farm approved a moment later publishes on the next try.
 */
export const publish = async (d: Context, actor: Principal, id: string, cause: Cause) => {
  if (d.approvalRequired) {
    const listing = await d.listings.get(id);
    if (listing && mayFarm(actor, listing.farmId, 'listings.write') && !(await d.approvals.isApproved(listing.farmId)))
      throw new DomainError(
        'listing.forbidden',
        'the farm is not approved to sell yet: apply with "Sell on FieldToTable" and wait for an operator to approve it',
      );
  }
  await refuseIfSuspended(d, actor, id);
  return transition(d, actor, id, publishListing, cause);
};

/** A suspended farm publishes nothing (its published listings are out of search and not reservable already). */
const refuseIfSuspended = async (d: Context, actor: Principal, listingId: string) => {
  const listing = await d.listings.get(listingId);
  if (!listing || !mayFarm(actor, listing.farmId, 'listings.write')) return; // the transition answers 404/403
  const farm = await d.farms.get(listing.farmId);
  if (farm?.suspended)
    throw new DomainError(
      'listing.forbidden',
      `the farm is suspended (${farm.suspended.reason}): it cannot publish listings until an operator reinstates it`,
    );
};

/** An approved farm application, as identity announced it: the farm may publish from now on. */
export const recordFarmApproval = async (
  d: Context,
  data: EventData<'ftt.identity.application.decided.v1'>,
  _cause: Cause,
  event: { id: string },
) => {
  if (data.decision !== 'approved' || !data.farm) return { result: 'ignored' as const, reason: 'not a farm approval' };
  await d.approvals.record({ ...data.farm, applicationId: data.applicationId, at: data.at, eventId: event.id });
  d.log.info({ farmId: data.farm.farmId, applicationId: data.applicationId }, 'farm approval recorded');
  return { result: 'recorded' as const };
};
/** A market orders published: catalog keeps its currency (idempotent; a newer version wins). */
export const recordMarket = async (d: Context, data: EventData<'ftt.orders.market.published.v1'>, _cause: Cause, event: { id: string }) => {
  await d.markets.record({ code: data.code, currency: data.currency.code, version: data.version, eventId: event.id });
  return { result: 'recorded' as const };
};

/**
 * A listing is priced in its farm's market's currency (issue #31), once catalog knows the market: an order never mixes
 * currencies. A market catalog has not heard of yet (orders' event on its way) is not checked.
 */
const checkCurrency = async (d: Context, farm: { market?: string | undefined }, price: { currency: string } | undefined) => {
  if (!price) return;
  const market = farm.market ?? LEGACY_MARKET;
  const currency = await d.markets.currencyOf(market);
  if (currency && currency !== price.currency)
    throw new DomainError('listing.invalid', 'the listing is not priced in its market\'s currency', [
      { field: 'body.unitPrice.currency', message: `the market ${market} is priced in ${currency}` },
    ]);
};

export const pause = (d: Context, actor: Principal, id: string, cause: Cause) => transition(d, actor, id, pauseListing, cause);
export const archive = (d: Context, actor: Principal, id: string, cause: Cause) => transition(d, actor, id, archiveListing, cause);

/**
 * Restock or write off. Not a versioned write through the command handler: stock moves only by one conditional
 * $inc on the listing (with its history entry), so it never races the reservations' holds.
 */
export const adjustStock = async (
  d: Context,
  actor: Principal,
  listingId: string,
  input: { kind: AdjustmentKind; quantity: number; reason: string; idempotencyKey?: string | undefined },
): Promise<{ adjustment: StockAdjustment; listing: ListingRecord }> => {
  const current = await ownListing(d, actor, listingId, 'stock.write');
  const { kind, quantity, reason } = input;
  const adjustment = decided(
    decideAdjustment(current.status, { id: input.idempotencyKey ?? d.newId(), kind, quantity, reason, by: actor.userId }, d.clock()),
  );
  const result = await d.listings.adjust(listingId, adjustment, stockDelta(adjustment));
  if (result === 'not_found') throw notFound(listingId);
  if (result === 'archived') throw new DomainError('listing.invalid_transition', 'the stock of an archived listing cannot change');
  if (result === 'insufficient') {
    throw new DomainError('stock.conflict', `cannot write off ${quantity}: not that much is available`, [
      { field: 'body.quantity', message: 'exceeds available stock' },
    ]);
  }
  const listing = (await d.listings.get(listingId)) ?? current;
  if (result === 'duplicate') {
    const history = (await d.listings.adjustments(listingId)) ?? [];
    return { adjustment: history.find((a) => a.id === adjustment.id) ?? adjustment, listing };
  }
  d.log.info({ listingId, kind, quantity }, 'stock adjusted');
  return { adjustment, listing };
};
