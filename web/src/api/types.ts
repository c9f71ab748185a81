/**
 * The names the web app uses for what the three services send and accept: aliases of the schemas their OpenAPI
 * documents name (generated/schemas.ts, `pnpm gen:api`), never retyped here.
 */
import type { components } from './generated/schemas';

type Schemas = components['schemas'];

export { categoryValues as CATEGORIES, certificationTypeValues as CERTIFICATION_TYPES, unitValues as UNITS } from './generated/schemas';

export type Problem = Schemas['Problem'];
export type Money = Schemas['Money'];
export type Address = Schemas['Address'];
export type Unit = Schemas['Unit'];

/* catalog */
export type Category = Schemas['Category'];
export type CertificationType = Schemas['CertificationType'];
export type Farm = Schemas['Farm'];
export type Listing = Schemas['Listing'];
export type FarmPage = Schemas['FarmPage'];
/** GET /listings/:id */
export interface ListingPage {
  listing: Listing;
  farm: Farm;
}
export type SearchPage = Schemas['SearchPage'];
export type FarmInput = Schemas['FarmInput'];
export type ListingInput = Schemas['ListingInput'];
export type StockAdjustment = Schemas['StockAdjustment'];
export type Stock = Schemas['Stock'];

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

/* orders */
export type OrderState = Schemas['OrderState'];
export type Order = Schemas['Order'];
export type PlaceOrderInput = Schemas['PlaceOrderInput'];
export type PaymentDetails = Schemas['PaymentDetails'];
export type FarmOrders = Schemas['FarmOrders'];
export type FarmPayouts = Schemas['FarmPayouts'];

/* logistics */
export type ShipmentStatus = Schemas['ShipmentStatus'];
export type OpenShipment = Schemas['OpenShipment'];
export type PartnerShipment = Schemas['PartnerShipment'];
export type ShipmentDetail = Schemas['ShipmentDetail'];
export type Tracking = Schemas['Tracking'];
export type Journey = Schemas['Journey'];
export type OrderTrace = Schemas['OrderTrace'];
