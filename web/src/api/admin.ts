import { request, type Service } from './client';
import type {
  AdminFarm,
  AdminFarmPage,
  AdminOrderDetail,
  AdminOrderPage,
  AdminPartner,
  AdminPartnerPage,
  AdminReservation,
  AuditPage,
  BusinessFigures,
  ConsumerLag,
  DeadLetterList,
  LogisticsTimeline,
  OrderState,
  OutboxBacklog,
  Reconciliation,
  RegionOffer,
  RegionOfferInput,
  RegionOfferList,
} from './types';

const id = encodeURIComponent;

/** The services whose operator endpoints (outbox, lag, dead letters) the back office shows. */
export const OPERATED: Service[] = ['catalog', 'orders', 'logistics', 'notifications'];
/** The services whose operator actions the audit trail shows: identity's are the decisions on applications. */
export const AUDITED: Service[] = [...OPERATED, 'identity'];

export interface OrderSearch {
  state?: OrderState | undefined;
  buyerId?: string | undefined;
  /** The first letters of the buyer's first name or surname. */
  buyerName?: string | undefined;
  farmId?: string | undefined;
  orderId?: string | undefined;
  cursor?: string | undefined;
  limit?: number;
}

/** The operators' back office: each call goes to the service that owns the data (role admin, checked there). */
export const admin = {
  orders: (q: OrderSearch, signal?: AbortSignal) =>
    request<AdminOrderPage>('orders', '/admin/orders', { query: { limit: 20, ...q }, ...(signal ? { signal } : {}) }),
  stuck: (q: { olderThanMinutes: number; state?: OrderState | undefined; cursor?: string | undefined }) =>
    request<AdminOrderPage>('orders', '/admin/orders/stuck', { query: { limit: 20, ...q } }),
  order: (orderId: string) => request<AdminOrderDetail>('orders', `/admin/orders/${id(orderId)}`),
  refund: (orderId: string, body: { amountMinor?: number; reason: string }) =>
    request<AdminOrderDetail>('orders', `/admin/orders/${id(orderId)}/refunds`, { method: 'POST', body }),
  reservation: (orderId: string) => request<AdminReservation>('catalog', `/admin/reservations/${id(orderId)}`),
  logisticsTimeline: (orderId: string) =>
    request<LogisticsTimeline>('logistics', `/admin/orders/${id(orderId)}/timeline`),
  farms: (q: { status?: 'active' | 'suspended' | undefined; cursor?: string | undefined }) =>
    request<AdminFarmPage>('catalog', '/admin/farms', { query: { limit: 20, ...q } }),
  setFarm: (farmId: string, action: 'suspend' | 'reinstate', reason: string) =>
    request<AdminFarm>('catalog', `/admin/farms/${id(farmId)}/${action}`, { method: 'POST', body: { reason } }),
  partners: (q: { cursor?: string | undefined }) =>
    request<AdminPartnerPage>('logistics', '/admin/partners', { query: { limit: 20, ...q } }),
  setPartner: (partnerId: string, action: 'suspend' | 'reinstate', reason: string) =>
    request<AdminPartner>('logistics', `/admin/partners/${id(partnerId)}/${action}`, {
      method: 'POST',
      body: { reason },
    }),
  deliveryRegions: () => request<RegionOfferList>('orders', '/admin/delivery/regions'),
  deliveryRegion: (region: string) => request<RegionOffer>('orders', `/admin/delivery/regions/${id(region)}`),
  publishDeliveryRegion: (region: string, body: RegionOfferInput) =>
    request<RegionOffer>('orders', `/admin/delivery/regions/${id(region)}`, { method: 'PUT', body }),
  audit: (
    service: Service,
    q: {
      cursor?: string | undefined;
      targetType?: string | undefined;
      targetId?: string | undefined;
      /** Kinds of action, comma-separated (the service filters). */
      action?: string | undefined;
      actorId?: string | undefined;
    },
  ) =>
    request<AuditPage>(service, '/admin/audit', { query: { limit: 25, ...q } }),
  figures: (days = 30) => request<BusinessFigures>('orders', '/admin/figures', { query: { days } }),
  /** One day's payments, refunds, payouts and fees against the payment provider's balance transactions (issue #33). */
  reconciliation: (day: string) => request<Reconciliation>('orders', '/admin/reconciliation', { query: { day } }),
  backlog: (service: Service) => request<OutboxBacklog>(service, '/admin/outbox'),
  lag: (service: Service) => request<ConsumerLag>(service, '/admin/lag'),
  deadLetters: (service: Service) => request<DeadLetterList>(service, '/admin/dead-letters', { query: { limit: 100 } }),
  replay: (service: Service, body: { topic: string; partition: number; offset: string; reason: string }) =>
    request<{ replayed: true; to: string }>(service, '/admin/dead-letters/replay', { method: 'POST', body }),
};
