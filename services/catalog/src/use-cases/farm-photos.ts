import { DomainError, requireFarm, type Cause, type Principal } from '@ftt/kit';
import { farmPhotoPath } from '../domain/photo';
import type { Context } from './context';
import { updateFarm } from './farms';
import { storePhoto } from './photos';

/**
 * The farm's own photo, as listing photos are made (use-cases/photos.ts): checked (type, size, really an image),
 * resized to the served widths, stored in catalog's database, and set as the farm's photo (an edit of the farm, so
 * its listings get the new farm version as after any edit).
 */
export const uploadFarmPhoto = async (
  d: Context,
  actor: Principal,
  farmId: string,
  upload: { contentType: string | undefined; bytes: Buffer },
  cause: Cause,
) => {
  const farm = await d.farms.get(farmId);
  if (!farm)
    throw new DomainError('farm.not_found', `no farm ${farmId}`, [
      { field: 'params.farmId', message: 'no such farm' },
    ]);
  requireFarm(actor, farmId, 'farm.edit');
  const { photoId, widths } = await storePhoto(d, upload, { farmId });
  const path = farmPhotoPath(photoId);
  const updated = await updateFarm(d, actor, farmId, { photo: path }, cause);
  d.log.info({ farmId, photoId }, 'farm photo stored');
  return { photo: { id: photoId, path, widths }, farm: updated };
};
