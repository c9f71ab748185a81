import type { Shipment } from '../domain/shipment';

/**
 * Who sees what. Open shipments and the public tracking page carry nothing personal; the buyer's
 * address and contact go only to the partner who claimed the shipment (they deliver it) and admins.
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
