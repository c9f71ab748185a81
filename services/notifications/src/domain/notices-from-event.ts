import type { TypedEnvelope } from '@ftt/contracts';
import type { Audience, NoticeData, NoticeDraft } from './notice';

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
  // The event's one notice, keyed by the event's id.
  const one = (audience: Audience, data: NoticeData): NoticeDraft[] => [
    { ...base, noticeId: event.id, audience, data },
  ];
  const toBuyer = (orderId: string, data: NoticeData) => one({ kind: 'buyer_of_order', orderId }, data);
  const toFarmer = (farmId: string, data: NoticeData) => one({ kind: 'farmer_of_farm', farmId }, data);
  switch (event.type) {
    case 'ftt.orders.order.confirmed.v1': {
      const d = event.data;
      const farms = d.shipments.map((s) => ({ farmId: s.farmId, farmName: s.farmName }));
      return [
        ...toBuyer(d.orderId, {
          kind: 'order_confirmed',
          orderId: d.orderId,
          farms,
          deliveryDate: d.deliveryDate,
        }),
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
    case 'ftt.orders.order.cancelled.v1': {
      if (seen.cancelRequested) return [];
      const { orderId, reason, paid } = event.data;
      return toBuyer(orderId, { kind: 'order_cancelled', orderId, reason, paid });
    }
    case 'ftt.logistics.order_cancel.accepted.v1':
      return toBuyer(event.data.orderId, { kind: 'cancel_accepted', orderId: event.data.orderId });
    case 'ftt.logistics.order_cancel.refused.v1': {
      const { orderId, reason } = event.data;
      return toBuyer(orderId, { kind: 'cancel_refused', orderId, reason });
    }
    case 'ftt.orders.payment.refunded.v1': {
      const { orderId, amount } = event.data;
      return toBuyer(orderId, { kind: 'refund_made', orderId, amount });
    }
    case 'ftt.orders.payout.made.v1': {
      const { orderId, farmId, amount, gross, platformFee } = event.data;
      return toFarmer(farmId, { kind: 'payout_made', orderId, farmId, amount, gross, platformFee });
    }
    case 'ftt.logistics.shipment.created.v1': {
      const { shipmentId, orderId, farmId, region } = event.data;
      return one(
        { kind: 'partners_in_region', region },
        { kind: 'shipments_open', shipmentId, orderId, farmId, region },
      );
    }
    case 'ftt.logistics.shipment.out_for_delivery.v1': {
      const { orderId, farmId } = event.data;
      return toBuyer(orderId, { kind: 'out_for_delivery', orderId, farmId });
    }
    case 'ftt.logistics.shipment.delivered.v1': {
      const { orderId, farmId, recipientName, collection } = event.data;
      return toBuyer(orderId, { kind: 'delivered', orderId, farmId, recipientName, ...(collection ? { collection } : {}) });
    }
    case 'ftt.logistics.shipment.temperature_excursion.v1': {
      const { orderId, farmId, shipmentId, lotCodes, temperatureC, minC, maxC, place } = event.data;
      const excursion = { orderId, farmId, shipmentId, lotCodes, temperatureC, minC, maxC, place };
      return toFarmer(farmId, { kind: 'temperature_excursion', ...excursion });
    }
    case 'ftt.identity.person.registered.v1': {
      // an older event (or a registration mended without the account) has no address: nobody to welcome
      const { personId, email, name } = event.data;
      if (!email) return [];
      return one({ kind: 'person', personId }, { kind: 'welcome', ...(name ? { name } : {}) });
    }
    case 'ftt.identity.application.decided.v1': {
      const d = event.data;
      const audience: Audience = { kind: 'person', personId: d.personId };
      if (d.decision === 'rejected') {
        return one(audience, {
          kind: 'application_rejected',
          applicationId: d.applicationId,
          as: d.kind,
          reason: d.reason,
        });
      }
      const placeName = d.farm?.name ?? d.partner?.name;
      return one(audience, {
        kind: 'application_approved',
        applicationId: d.applicationId,
        as: d.kind,
        reason: d.reason,
        ...(placeName ? { placeName } : {}),
      });
    }
    default:
      return [];
  }
};
