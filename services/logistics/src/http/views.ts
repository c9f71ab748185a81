import type { Shipment } from '../domain/shipment';
import type { LotRecord } from '../domain/trace/lot';
import type { LotTrace, OrderTrace } from '../use-cases/trace';

/*
 * What clients see. Open shipments, the public tracking page and the traces carry nothing personal; the
 * buyer's address and contact go only to the partner who claimed the shipment (they deliver it) and admins.
 */

export const openView = (s: Shipment) => ({
  shipmentId: s.shipmentId,
  orderId: s.orderId,
  status: s.status,
  region: s.region,
  farmId: s.farmId,
  farmName: s.farmName,
  pickup: { address: s.pickupAddress },
  dropoff: {
    city: s.dropoff.address.city,
    postalCode: s.dropoff.address.postalCode,
    country: s.dropoff.address.country,
  },
  coldChain: s.coldChain,
  lines: s.lines,
  createdAt: s.createdAt,
  ...(s.deliveryDate ? { deliveryDate: s.deliveryDate } : {}),
});

export const partnerView = (s: Shipment) => ({
  ...openView(s),
  trackingCode: s.trackingCode,
  partnerId: s.partnerId,
  dropoff: s.dropoff,
  lotCodes: s.lotCodes,
  checkpoints: s.checkpoints,
  excursions: s.excursions,
  failures: s.failures,
  delivery: s.delivery,
  returned: s.returned,
  cancelled: s.cancelled,
  assignedAt: s.assignedAt,
  pickedUpAt: s.pickedUpAt,
  outForDeliveryAt: s.outForDeliveryAt,
  deliveredAt: s.deliveredAt,
  updatedAt: s.updatedAt,
});

/** Public: status, steps (place, time, temperature) and the farm's name. No address, name, phone, partner or notes. */
export const trackingView = (s: Shipment) => ({
  trackingCode: s.trackingCode,
  status: s.status,
  farmName: s.farmName,
  temperatureExcursion: s.excursions.length > 0,
  steps: s.steps.map((st) => ({
    step: st.step,
    time: st.at,
    ...(st.place !== undefined ? { place: st.place } : {}),
    ...(st.temperatureC !== undefined ? { temperatureC: st.temperatureC } : {}),
  })),
});

const lotView = (l: LotRecord) => ({
  lotCode: l.lotCode,
  product: l.product,
  farmId: l.farmId,
  farmName: l.farmName,
  field: l.field,
  harvestDate: l.harvestDate,
  bestBefore: l.bestBefore,
  quantity: l.quantity,
  unit: l.unit,
});

/** The journey of a shipment in a trace, without anyone's personal data (no names, street, partner id or notes). */
const journey = (s: Shipment) => ({
  shipmentId: s.shipmentId,
  status: s.status,
  destination: { city: s.dropoff.address.city, country: s.dropoff.address.country },
  pickedUpAt: s.pickedUpAt,
  checkpoints: s.checkpoints.map((c) => ({
    place: c.place,
    time: c.time,
    temperatureC: c.temperatureC,
    excursion: c.excursion,
  })),
  excursions: s.excursions,
  outForDeliveryAt: s.outForDeliveryAt,
  deliveredAt: s.deliveredAt,
  returnedAt: s.returned?.at,
  cancelledAt: s.cancelled?.at,
});

export const lotTraceView = (t: LotTrace) => ({
  ...t,
  lot: t.lot ? lotView(t.lot) : null,
  orders: t.orders.map((o) => ({ ...o, shipment: journey(o.shipment) })),
});

export const orderTraceView = (t: OrderTrace) => ({
  ...t,
  lines: t.lines.map((l) => ({
    ...l,
    // the buyer's own trace: whether a photo was taken where the box was dropped (fetched by its own route)
    shipment: { ...journey(l.shipment), deliveryPhoto: Boolean(l.shipment.delivery?.photoId) },
    trackingCode: l.shipment.trackingCode,
  })),
});
