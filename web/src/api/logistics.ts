import { request } from './client';
import type {
  OpenShipment,
  OrderTrace,
  OrderTraceLookup,
  PartnerShipment,
  ShipmentDetail,
  ShipmentPage,
  ShipmentStatus,
  TemperatureCurves,
  Tracking,
  TrackingLookup,
} from './types';

const id = encodeURIComponent;
const step = (shipmentId: string, action: string, body?: unknown) =>
  request<PartnerShipment>('logistics', `/shipments/${id(shipmentId)}/${action}`, {
    method: 'POST',
    ...(body ? { body } : {}),
  });

export const logistics = {
  open: (region?: string) => request<OpenShipment[]>('logistics', '/shipments/open', { query: { region } }),
  /** The partner's shipments in one status, newest first (the largest page: active ones are few). */
  mine: (status: ShipmentStatus) =>
    request<ShipmentPage>('logistics', '/shipments/mine', { query: { status, limit: 100 } }),
  /** Delivered and returned shipments, newest first; `cursor` is the previous page's nextCursor. */
  history: (cursor?: string) =>
    request<ShipmentPage>('logistics', '/shipments/mine/history', { query: { cursor, limit: 10 } }),
  one: (shipmentId: string) => request<ShipmentDetail>('logistics', `/shipments/${id(shipmentId)}`),
  claim: (shipmentId: string) => step(shipmentId, 'claim'),
  pickUp: (shipmentId: string) => step(shipmentId, 'pickup'),
  checkpoint: (shipmentId: string, body: { place: string; temperatureC?: number; note?: string }) =>
    step(shipmentId, 'checkpoints', body),
  outForDelivery: (shipmentId: string) => step(shipmentId, 'out-for-delivery'),
  deliver: (shipmentId: string, body: { recipientName: string; proofRef: string }) =>
    step(shipmentId, 'deliver', body),
  fail: (shipmentId: string, reason: string) => step(shipmentId, 'fail', { reason }),
  returnToFarm: (shipmentId: string, reason: string) => step(shipmentId, 'return', { reason }),
  /** The tracked box, or null when no box has the code (an answer, not a 404: GET /tracking). */
  track: async (code: string): Promise<Tracking | null> =>
    (await request<TrackingLookup>('logistics', '/tracking', { query: { code } })).tracking ?? null,
  traceOrder: (orderId: string) => request<OrderTrace>('logistics', `/trace/orders/${id(orderId)}`),
  /** The order's trace, or null while logistics has not heard of the order yet (an answer, not a 404). */
  traceIfKnown: async (orderId: string): Promise<OrderTrace | null> =>
    (await request<OrderTraceLookup>('logistics', `/trace/orders/${id(orderId)}/lookup`)).trace ?? null,
  /** The loggers' temperature curves of an order's shipments (downsampled by logistics). */
  orderTemperatures: (orderId: string) =>
    request<TemperatureCurves>('logistics', `/trace/orders/${id(orderId)}/temperatures`),
};
