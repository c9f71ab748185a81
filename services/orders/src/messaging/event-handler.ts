import type { TypedEnvelope } from '@ftt/contracts';
import { isDomainErrorWith } from '../domain/errors';
import type { Cause, Deps } from '../use-cases/context';
import { onDelivered, onPickedUp, onReturned } from '../use-cases/shipments';
import { onStockRejected, onStockReleased, onStockReserved } from '../use-cases/stock';

/**
 * Thin: a validated contract event -> the use case. Idempotent throughout: listing snapshots are
 * version-conditional, order changes record the event id in the same write. Events that arrive
 * late or twice meet a state that refuses them; that is expected and ignored, not an error.
 */
export const createEventHandler = (deps: Deps) => async (event: TypedEnvelope) => {
  const cause: Cause = {
    correlationid: event.correlationid,
    causationid: event.id,
    traceparent: event.traceparent,
    processedEventId: event.id,
  };
  try {
    switch (event.type) {
      case 'ftt.catalog.listing.published.v1':
      case 'ftt.catalog.listing.updated.v1': {
        const r = await deps.listings.upsertSnapshot(event.data);
        deps.log.debug({ listingId: event.data.listingId, version: event.data.version, result: r }, 'listing snapshot');
        return;
      }
      case 'ftt.catalog.listing.archived.v1':
        await deps.listings.markArchived(event.data.listingId, event.data.version);
        return;
      case 'ftt.catalog.stock.reserved.v1':
        await onStockReserved(deps, event.data, cause);
        return;
      case 'ftt.catalog.stock.rejected.v1':
        await onStockRejected(deps, event.data, cause);
        return;
      case 'ftt.catalog.stock.released.v1':
        await onStockReleased(deps, event.data, cause);
        return;
      case 'ftt.logistics.shipment.picked_up.v1':
        await onPickedUp(deps, event.data, cause);
        return;
      case 'ftt.logistics.shipment.delivered.v1':
        await onDelivered(deps, event.data, cause);
        return;
      case 'ftt.logistics.shipment.returned.v1':
        await onReturned(deps, event.data, cause);
        return;
      default:
        return; // other event types on these topics are not ours to act on
    }
  } catch (err) {
    if (isDomainErrorWith(err, 'invalid_transition') || isDomainErrorWith(err, 'unprocessable')) {
      deps.log.debug({ eventId: event.id, type: event.type, why: (err as Error).message }, 'event ignored');
      return;
    }
    throw err;
  }
};
