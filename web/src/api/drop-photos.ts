import { ApiError, currentBearer, sendFile } from './client';
import type { DropPhoto } from './types';

const id = encodeURIComponent;

/** Photos at runs' drops: the partner sends one before recording the drop; the buyer sees it on their own box. */
export const dropPhotos = {
  upload: (runId: string, seq: number, file: Blob) =>
    sendFile<DropPhoto>('logistics', `/runs/${id(runId)}/stops/${seq}/photo`, file),
  /** The photo of the buyer's box as an object URL for an <img> (the route needs the bearer token). */
  objectUrl: async (orderId: string, shipmentId: string, width: 320 | 640 | 1280 = 640): Promise<string> => {
    const token = currentBearer();
    const res = await fetch(
      `/api/logistics/trace/orders/${id(orderId)}/shipments/${id(shipmentId)}/photo?width=${width}`,
      { headers: token ? { authorization: `Bearer ${token}` } : {} },
    );
    if (!res.ok)
      throw new ApiError(res.status, `the delivery photo could not be loaded (HTTP ${res.status})`);
    return URL.createObjectURL(await res.blob());
  },
};
