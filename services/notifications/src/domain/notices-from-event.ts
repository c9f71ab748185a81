import type { TypedEnvelope } from '@ftt/contracts';
import type { NoticeDraft } from './notice';

/**
 * Which notices an event raises: a pure mapping from the contracts' typed events. Events nobody must hear about
 * (stock, payments that succeeded, listings...) raise none; the facts they carry are kept by the use cases.
 * Ids: the event's id for its one notice; `<eventId>:<farmId>` when one event speaks to several farms.
 * `seen.cancelRequested`: the order's cancellation was a request after confirmation, which the buyer hears
 * of through logistics' answer (cancel accepted), so order.cancelled raises nothing more for it.
 */
export const noticesFor = (event: TypedEnvelope, seen: { cancelRequested?: boolean } = {}): NoticeDraft[] => {
  const at = event.time;
  const base = { eventId: event.id, at };
  switch (event.type) {
    case 'ftt.orders.order.confirmed.v1': {
      const d = event.data;
      const farms = d.shipments.map((s) => ({ farmId: s.farmId, farmName: s.farmName }));
      return [
        {
          ...base,
          noticeId: event.id,
          audience: { kind: 'buyer_of_order', orderId: d.orderId },
          data: { kind: 'order_confirmed', orderId: d.orderId, farms, deliveryDate: d.deliveryDate },
        },
        ...d.shipments.map((s): NoticeDraft => ({
          ...base,
          noticeId: `${event.id}:${s.farmId}`,
          audience: { kind: 'farmer_of_farm', farmId: s.farmId },
          data: {
            kind: 'new_orders',
            orderId: d.orderId,
            farmId: s.farmId,
            farmName: s.farmName,
            lines: s.lines.map((l) => ({ title: l.title, quantity: l.quantity, unit: l.unit })),
            deliveryDate: d.deliveryDate,
          },
        })),
      ];
    }
    case 'ftt.orders.order.cancelled.v1':
      if (seen.cancelRequested) return [];
      return [
        {
          ...base,
          noticeId: event.id,
          audience: { kind: 'buyer_of_order', orderId: event.data.orderId },
          data: {
            kind: 'order_cancelled',
            orderId: event.data.orderId,
            reason: event.data.reason,
            paid: event.data.paid,
          },
        },
      ];
    case 'ftt.logistics.order_cancel.accepted.v1':
      return [
        {
          ...base,
          noticeId: event.id,
          audience: { kind: 'buyer_of_order', orderId: event.data.orderId },
          data: { kind: 'cancel_accepted', orderId: event.data.orderId },
        },
      ];
    case 'ftt.logistics.order_cancel.refused.v1':
      return [
        {
          ...base,
          noticeId: event.id,
          audience: { kind: 'buyer_of_order', orderId: event.data.orderId },
          data: { kind: 'cancel_refused', orderId: event.data.orderId, reason: event.data.reason },
        },
      ];
    case 'ftt.orders.payment.refunded.v1':
      return [
        {
          ...base,
          noticeId: event.id,
          audience: { kind: 'buyer_of_order', orderId: event.data.orderId },
          data: { kind: 'refund_made', orderId: event.data.orderId, amount: event.data.amount },
        },
      ];
    case 'ftt.orders.payout.made.v1':
      return [
        {
          ...base,
          noticeId: event.id,
          audience: { kind: 'farmer_of_farm', farmId: event.data.farmId },
          data: {
            kind: 'payout_made',
            orderId: event.data.orderId,
            farmId: event.data.farmId,
            amount: event.data.amount,
            gross: event.data.gross,
            platformFee: event.data.platformFee,
          },
        },
      ];
    case 'ftt.logistics.shipment.created.v1':
      return [
        {
          ...base,
          noticeId: event.id,
          audience: { kind: 'partners_in_region', region: event.data.region },
          data: {
            kind: 'shipments_open',
            shipmentId: event.data.shipmentId,
            orderId: event.data.orderId,
            farmId: event.data.farmId,
            region: event.data.region,
          },
        },
      ];
    case 'ftt.logistics.shipment.out_for_delivery.v1':
      return [
        {
          ...base,
          noticeId: event.id,
          audience: { kind: 'buyer_of_order', orderId: event.data.orderId },
          data: { kind: 'out_for_delivery', orderId: event.data.orderId, farmId: event.data.farmId },
        },
      ];
    case 'ftt.logistics.shipment.delivered.v1':
      return [
        {
          ...base,
          noticeId: event.id,
          audience: { kind: 'buyer_of_order', orderId: event.data.orderId },
          data: {
            kind: 'delivered',
            orderId: event.data.orderId,
            farmId: event.data.farmId,
            recipientName: event.data.recipientName,
          },
        },
      ];
    case 'ftt.logistics.shipment.temperature_excursion.v1':
      return [
        {
          ...base,
          noticeId: event.id,
          audience: { kind: 'farmer_of_farm', farmId: event.data.farmId },
          data: {
            kind: 'temperature_excursion',
            orderId: event.data.orderId,
            farmId: event.data.farmId,
            shipmentId: event.data.shipmentId,
            lotCodes: event.data.lotCodes,
            temperatureC: event.data.temperatureC,
            minC: event.data.minC,
            maxC: event.data.maxC,
            place: event.data.place,
          },
        },
      ];
    default:
      return [];
  }
};
