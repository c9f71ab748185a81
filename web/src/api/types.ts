/**
 * The names the web app uses for what the three services send and accept: the schemas their OpenAPI documents name,
 * generated into generated/schemas.ts (`pnpm gen:api`), never retyped here. What is left below is the web's own.
 */
import type { Category, Farm, Listing } from './generated/schemas';

export type * from './generated/schemas';
export { categoryValues as CATEGORIES, certificationTypeValues as CERTIFICATION_TYPES, unitValues as UNITS } from './generated/schemas';

/** GET /listings/:id */
export interface ListingPage {
  listing: Listing;
  farm: Farm;
}

/** The browse screen's filters, sent as GET /listings query parameters. */
export interface SearchFilters {
  q?: string;
  category?: Category;
  region?: string;
  certified?: boolean;
  inStock?: boolean;
  maxPrice?: number;
  sort?: 'newest' | 'price' | '-price' | 'freshness';
  cursor?: string;
  limit?: number;
}

/* notifications (hand-written until notifications joins pnpm gen:api) */

export type NotificationKind =
  | 'order_confirmed'
  | 'order_cancelled'
  | 'cancel_accepted'
  | 'cancel_refused'
  | 'out_for_delivery'
  | 'delivered'
  | 'refund_made'
  | 'new_orders'
  | 'payout_made'
  | 'temperature_excursion'
  | 'shipments_open'
  | 'dead_letters'
  | 'stuck_order';
export type NotificationChannel = 'email' | 'inapp';

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link?: string;
  createdAt: string;
  readAt: string | null;
}

export interface Inbox {
  notifications: AppNotification[];
  unread: number;
}

export interface NotificationProfile {
  userId: string;
  role?: string;
  region?: string;
  email: string;
  language: 'en' | 'nl';
  /** The kinds this role receives, each with its channels on or off. */
  preferences: Partial<Record<NotificationKind, Record<NotificationChannel, boolean>>>;
  channels: NotificationChannel[];
}
