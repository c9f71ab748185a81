import { request } from './client';
import type {
  FarmOrders,
  FarmPayouts,
  Order,
  OrderList,
  PaymentDetails,
  PlaceOrderInput,
  Quote,
  QuoteInput,
} from './types';

const id = encodeURIComponent;

export const orders = {
  /** The idempotency key makes a retried submit (double click, lost reply) return the same order. */
  place: (body: PlaceOrderInput, idempotencyKey: string) =>
    request<Order>('orders', '/orders', {
      method: 'POST',
      body,
      headers: { 'idempotency-key': idempotencyKey },
    }),
  /** What the order would cost (goods, delivery per farm, total), priced as placing it prices it; nothing is stored. */
  quote: (body: QuoteInput, signal?: AbortSignal) =>
    request<Quote>('orders', '/orders/quote', { method: 'POST', body, ...(signal ? { signal } : {}) }),
  /** Newest first; the first page without a cursor, the next with the previous page's nextCursor. */
  mine: (cursor?: string, signal?: AbortSignal) =>
    request<OrderList>('orders', '/orders', { query: { cursor }, ...(signal ? { signal } : {}) }),
  one: (orderId: string) => request<Order>('orders', `/orders/${id(orderId)}`),
  cancel: (orderId: string, reason?: string) =>
    request<Order>('orders', `/orders/${id(orderId)}/cancel`, {
      method: 'POST',
      body: reason ? { reason } : {},
    }),
  paymentDetails: (orderId: string) =>
    request<PaymentDetails>('orders', `/orders/${id(orderId)}/payment`, { method: 'POST' }),
  /** The built-in simulated provider's pay step (offline demo only). */
  paySimulated: (orderId: string) =>
    request<Order>('orders', `/orders/${id(orderId)}/pay`, {
      method: 'POST',
      body: { outcome: 'succeeded' },
    }),
  farmOrders: (farmId: string, cursor?: string) =>
    request<FarmOrders>('orders', `/farms/${id(farmId)}/orders`, { query: { cursor } }),
  farmPayouts: (farmId: string, cursor?: string) =>
    request<FarmPayouts>('orders', `/farms/${id(farmId)}/payouts`, { query: { cursor } }),
};
