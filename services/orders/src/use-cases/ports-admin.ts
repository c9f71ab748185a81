import type { Page, PageRequest } from '@ftt/kit';
import type { Order, OrderState } from '../domain/order';

export interface AdminOrderFilter {
  state?: OrderState | undefined;
  buyerId?: string | undefined;
  /** The first letters of the buyer's first name or surname (any case, accents or not). */
  buyerName?: string | undefined;
  farmId?: string | undefined;
  orderIdPrefix?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface StuckQuery {
  states: readonly OrderState[];
  /** Not changed since before this time (ISO). */
  before: string;
  cursor?: string | undefined;
  limit: number;
}

export type AdminOrderPage = Page<Order>;
export type { PageRequest };

/** The operators' reads over orders (data/order-admin-repo.ts), each on an index, with keyset paging. */
export interface OrderAdminStore {
  search(f: AdminOrderFilter): Promise<AdminOrderPage>;
  /** Oldest first: the longest stuck at the top. */
  stuck(q: StuckQuery): Promise<AdminOrderPage>;
}
