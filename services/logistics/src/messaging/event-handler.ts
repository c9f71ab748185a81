import type { TypedEnvelope } from '@ftt/contracts';
import { eventCause } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { answerCancelRequest, cancelShipments, completeOrder, createShipments } from '../use-cases/order-events';
import { recordLot } from '../use-cases/record-lot';

/**
 * Thin: typed event -> the same use cases the HTTP routes use. Every branch is idempotent on redelivery: the
 * event id is recorded with the shipment it changed, lots and order facts are conditional upserts. Late or
 * repeated events are ignored by the deciders (a value, not an error).
 */
export const createEventHandler =
  (ctx: Context) =>
  async (event: TypedEnvelope): Promise<void> => {
    const cause = eventCause(event);
    switch (event.type) {
      case 'ftt.orders.order.confirmed.v1':
        await createShipments(ctx, event.data, cause);
        return;
      case 'ftt.orders.order.cancel_requested.v1':
        await answerCancelRequest(ctx, event.data, cause);
        return;
      case 'ftt.orders.order.cancelled.v1':
        await cancelShipments(ctx, event.data, cause, event.time);
        return;
      case 'ftt.orders.order.completed.v1':
        await completeOrder(ctx, event.data);
        return;
      case 'ftt.catalog.listing.published.v1':
      case 'ftt.catalog.listing.updated.v1': {
        const r = await recordLot(ctx, event.data, event.time);
        ctx.log.debug({ listingId: event.data.listingId, eventId: event.id, outcome: r }, 'lot recorded');
        return;
      }
      default:
        return; // other saga events are not ours to act on
    }
  };
