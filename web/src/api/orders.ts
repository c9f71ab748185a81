import { request } from './client';
import type {
  FarmOrders,
  FarmPayoutTotals,
  FarmPayouts,
  Order,
  OrderCompany,
  OrderList,
  PaymentDetails,
  PlaceOrderInput,
  Quote,
  QuoteInput,
} from './types';

const id = encodeURIComponent;

/** What a business buyer adds to an order for its invoice. */
export type CompanyDetails = NonNullable<OrderCompany['company']>;

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
  /** A business buyer's company details on a paid order (issue #33): null until added; fixed once the invoice exists. */
  company: (orderId: string) => request<OrderCompany>('orders', `/orders/${id(orderId)}/company`),
  saveCompany: (orderId: string, company: CompanyDetails) =>
    request<OrderCompany>('orders', `/orders/${id(orderId)}/company`, { method: 'PUT', body: company }),
  /** Over the farm's whole history, summed by the database (apart from the list, whose pages cost the same at any depth). */
  farmPayoutTotals: (farmId: string) =>
    request<FarmPayoutTotals>('orders', `/farms/${id(farmId)}/payouts/totals`),
};
