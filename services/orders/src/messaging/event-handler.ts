import { eventHandler, type EventSteps } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { onPersonErased } from '../use-cases/erasure';
import { onListingArchived, onListingChanged } from '../use-cases/listings';
import { onCancelAccepted, onCancelRefused, onDelivered, onPickedUp, onReturned } from '../use-cases/shipments';
import { onStockRejected, onStockReleased, onStockReserved } from '../use-cases/stock';

/** The use case of each event type orders acts on; other types on these topics are not ours to act on. */
const STEPS: EventSteps<Context> = {
  'ftt.catalog.listing.published.v1': onListingChanged,
  'ftt.catalog.listing.updated.v1': onListingChanged,
  'ftt.catalog.listing.archived.v1': onListingArchived,
  'ftt.catalog.stock.reserved.v1': onStockReserved,
  'ftt.catalog.stock.rejected.v1': onStockRejected,
  'ftt.catalog.stock.released.v1': onStockReleased,
  'ftt.logistics.shipment.picked_up.v1': onPickedUp,
  'ftt.logistics.shipment.delivered.v1': onDelivered,
  'ftt.logistics.shipment.returned.v1': onReturned,
  'ftt.logistics.order_cancel.accepted.v1': onCancelAccepted,
  'ftt.logistics.order_cancel.refused.v1': onCancelRefused,
  'ftt.identity.person.erased.v1': onPersonErased,
};

/**
 * Thin: a validated contract event -> its use case. Idempotent throughout: listing snapshots are
 * version-conditional, order changes record the event id in the same write. Events that arrive
 * late or twice meet a state that ignores them; that is expected, not an error.
 */
export const createEventHandler = (ctx: Context) => eventHandler(ctx, STEPS);
