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
