import { ApiError, currentBearer, sendFile } from './client';
import type { ListingImport } from './types';

const id = encodeURIComponent;

/** The name the service gave the file (Content-Disposition), or a plain one. */
const fileNameOf = (res: Response, fallback: string) =>
  /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallback;

/**
 * A farm's listings as a CSV file and back (issue #33): the export is saved as a file; an import is first previewed
 * (nothing changes), then applied.
 */
export const listingCsv = {
  download: async (farmId: string): Promise<void> => {
    const token = currentBearer();
    const res = await fetch(`/api/catalog/farms/${id(farmId)}/listings.csv`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (!res.ok) throw new ApiError(res.status, `the CSV file could not be made (HTTP ${res.status})`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = fileNameOf(res, 'listings.csv');
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
  /** Whatever the browser calls the file's type, it is sent as CSV (the service reads it as UTF-8 CSV or says why not). */
  send: (farmId: string, file: Blob, mode: 'preview' | 'apply') =>
    sendFile<ListingImport>(
      'catalog',
      `/farms/${id(farmId)}/listings/import?mode=${mode}`,
      new Blob([file], { type: 'text/csv' }),
    ),
};
