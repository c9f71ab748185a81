import { sendFile } from './client';
import type { FarmPhotoUploaded } from './types';

/** The farm's own photo: catalog makes it as it makes listing photos and sets it on the farm. */
export const uploadFarmPhoto = (farmId: string, file: File) =>
  sendFile<FarmPhotoUploaded>('catalog', `/farms/${encodeURIComponent(farmId)}/photo`, file);
