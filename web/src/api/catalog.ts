import { request, sendFile } from './client';
import type {
  Farm,
  FarmInput,
  FarmPage,
  Listing,
  ListingInput,
  ListingPage,
  PayoutOnboarding,
  SearchFilters,
  SearchPage,
  StockAdjustment,
} from './types';

const id = encodeURIComponent;

export const catalog = {
  search: (f: SearchFilters, signal?: AbortSignal) =>
    request<SearchPage>('catalog', '/listings', { query: { ...f }, ...(signal ? { signal } : {}) }),
  listing: (listingId: string) => request<ListingPage>('catalog', `/listings/${id(listingId)}`),
  farms: (region?: string) => request<{ items: Farm[] }>('catalog', '/farms', { query: { region } }),
  farm: (farmId: string) => request<FarmPage>('catalog', `/farms/${id(farmId)}`),
  myFarm: () => request<FarmPage>('catalog', '/farms/mine'),
  createFarm: (body: FarmInput) => request<Farm>('catalog', '/farms', { method: 'POST', body }),
  /** A Stripe Connect account for the farm (made once) and a link where its owner completes it. */
  payoutOnboarding: (farmId: string) =>
    request<PayoutOnboarding>('catalog', `/farms/${encodeURIComponent(farmId)}/payout-onboarding`, { method: 'POST' }),
  updateFarm: (farmId: string, body: Partial<FarmInput>) =>
    request<Farm>('catalog', `/farms/${id(farmId)}`, { method: 'PATCH', body }),
  createListing: (farmId: string, body: ListingInput) =>
    request<Listing>('catalog', `/farms/${id(farmId)}/listings`, { method: 'POST', body }),
  updateListing: (listingId: string, body: Partial<Omit<ListingInput, 'available'>>) =>
    request<Listing>('catalog', `/listings/${id(listingId)}`, { method: 'PATCH', body }),
  transition: (listingId: string, action: 'publish' | 'pause' | 'archive') =>
    request<Listing>('catalog', `/listings/${id(listingId)}/${action}`, { method: 'POST' }),
  adjustStock: (
    listingId: string,
    body: { kind: 'restock' | 'write_off'; quantity: number; reason: string },
    key: string,
  ) =>
    request<{ adjustment: StockAdjustment; stock: NonNullable<Listing['stock']> }>(
      'catalog',
      `/listings/${id(listingId)}/stock-adjustments`,
      {
        method: 'POST',
        body,
        headers: { 'idempotency-key': key },
      },
    ),
  /** A photo from the farmer's device for their listing; the listing comes back with it first among its photos. */
  uploadPhoto: (listingId: string, file: File) =>
    sendFile<{ photo: { id: string; path: string; widths: number[] }; listing: Listing }>(
      'catalog',
      `/listings/${id(listingId)}/photos`,
      file,
    ),
  stockHistory: (listingId: string) =>
    request<{ items: StockAdjustment[] }>('catalog', `/listings/${id(listingId)}/stock-adjustments`),
};
