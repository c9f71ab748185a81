import type { TypedEnvelope } from '@ftt/contracts';
import type { Context } from './context';

const ENDED = {
  'ftt.orders.order.completed.v1': 'completed',
  'ftt.orders.order.cancelled.v1': 'cancelled',
  'ftt.orders.order.rejected.v1': 'rejected',
  'ftt.orders.order.expired.v1': 'expired',
} as const;

/**
 * Keeps what later messages need from the events (farm -> farmer, order -> buyer, tracking codes, whether an
 * order ended) with idempotent upserts, and returns the keys of waiting notices these facts may unblock.
 */
export const recordFacts = async (ctx: Context, event: TypedEnvelope): Promise<string[]> => {
  switch (event.type) {
    case 'ftt.catalog.listing.published.v1':
    case 'ftt.catalog.listing.updated.v1': {
      const { farmId, farmerId, farmName } = event.data;
      await ctx.facts.recordFarm({ farmId, farmerId, farmName });
      return [`farm:${farmId}`];
    }
    case 'ftt.orders.order.placed.v1': {
      const { orderId, buyerId, placedAt } = event.data;
      const watchUntil = new Date(Date.parse(placedAt) + ctx.settings.stuckOrderAfterMs);
      await ctx.facts.orderSeen(orderId, buyerId, 'placed', placedAt, watchUntil);
      return [`order:${orderId}`];
    }
    case 'ftt.orders.order.confirmed.v1': {
      const { orderId, buyerId, confirmedAt } = event.data;
      await ctx.facts.orderSeen(orderId, buyerId, 'confirmed', confirmedAt);
      return [`order:${orderId}`];
    }
    case 'ftt.orders.order.cancel_requested.v1':
      await ctx.facts.cancelRequested(event.data.orderId);
      return [];
    case 'ftt.orders.order.completed.v1':
    case 'ftt.orders.order.cancelled.v1':
    case 'ftt.orders.order.rejected.v1':
    case 'ftt.orders.order.expired.v1':
      await ctx.facts.orderEnded(event.data.orderId, ENDED[event.type]);
      return [];
    case 'ftt.logistics.shipment.created.v1': {
      const { orderId, farmId, trackingCode } = event.data;
      await ctx.facts.trackingCode(orderId, farmId, trackingCode);
      return [`order:${orderId}`];
    }
    // no longer open to claim: the partners' digest of open shipments leaves it out
    case 'ftt.logistics.shipment.assigned.v1':
    case 'ftt.logistics.shipment.picked_up.v1':
    case 'ftt.logistics.shipment.delivered.v1':
    case 'ftt.logistics.shipment.cancelled.v1':
      await ctx.facts.shipmentTaken(event.data.orderId, event.data.shipmentId);
      return [];
    default:
      return [];
  }
};
