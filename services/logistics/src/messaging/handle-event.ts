import type { TypedEnvelope } from '@ftt/contracts';
import type { Logger } from '@ftt/kit';
import type { Cause } from '../use-cases/event-context';
import type { OrderEvents } from '../use-cases/order-events';

interface Deps {
  orders: OrderEvents;
  lots: {
    record: (
      listing: Extract<TypedEnvelope, { type: 'ftt.catalog.listing.published.v1' }>['data'],
      listedAt: string,
    ) => Promise<'written' | 'stale'>;
  };
  log: Logger;
}

const causeOf = (e: TypedEnvelope): Cause => ({
  correlationid: e.correlationid,
  causationid: e.id,
  traceparent: e.traceparent,
});

/** Thin: typed event -> the same use cases the HTTP routes use. Every branch is idempotent on redelivery. */
export const makeEventHandler =
  (d: Deps) =>
  async (event: TypedEnvelope): Promise<void> => {
    switch (event.type) {
      case 'ftt.orders.order.confirmed.v1':
        await d.orders.confirmed(event.data, event.id, causeOf(event));
        return;
      case 'ftt.orders.order.cancelled.v1':
        await d.orders.cancelled(event.data, event.id, causeOf(event));
        return;
      case 'ftt.orders.order.completed.v1':
        await d.orders.completed(event.data);
        return;
      case 'ftt.catalog.listing.published.v1':
      case 'ftt.catalog.listing.updated.v1': {
        const r = await d.lots.record(event.data, event.time);
        d.log.debug({ listingId: event.data.listingId, eventId: event.id, outcome: r }, 'lot recorded');
        return;
      }
      default:
        return; // other saga events are not ours to act on
    }
  };
