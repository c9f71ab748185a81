import type { EventData } from '@ftt/contracts';
import { eventHandler, type Cause, type EventSteps } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { answerCancelRequest, cancelShipments, completeOrder, createShipments } from '../use-cases/order-events';
import { recordLot } from '../use-cases/record-lot';

/** A published or updated listing's lot, as traces need it (the listing's events carry the whole listing). */
const lotOfListing = async (
  ctx: Context,
  listing: EventData<'ftt.catalog.listing.published.v1'>,
  _cause: Cause,
  event: { id: string; time: string },
) => {
  const r = await recordLot(ctx, listing, event.time);
  ctx.log.debug({ listingId: listing.listingId, eventId: event.id, outcome: r }, 'lot recorded');
};

/**
 * Thin: typed event -> the same use cases the HTTP routes use. Every step is idempotent on redelivery: the
 * event id is recorded with the shipment it changed, lots and order facts are conditional upserts. Late or
 * repeated events are ignored by the deciders (a value, not an error); other saga events are not ours to act on.
 */
const STEPS: EventSteps<Context> = {
  'ftt.orders.order.confirmed.v1': createShipments,
  'ftt.orders.order.cancel_requested.v1': answerCancelRequest,
  'ftt.orders.order.cancelled.v1': (ctx, data, cause, event) => cancelShipments(ctx, data, cause, event.time),
  'ftt.orders.order.completed.v1': completeOrder,
  'ftt.catalog.listing.published.v1': lotOfListing,
  'ftt.catalog.listing.updated.v1': lotOfListing,
};

/** `more`: the steps of identity's people topic (messaging/people-steps.ts), which need stores of their own. */
export const createEventHandler = (ctx: Context, more: EventSteps<Context> = {}) =>
  eventHandler(ctx, { ...STEPS, ...more });
