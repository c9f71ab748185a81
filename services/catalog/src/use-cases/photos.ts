import { createHash } from 'node:crypto';
import { DomainError, type Cause, type Principal } from '@ftt/kit';
import { photoVariants } from '@ftt/kit/images';
import { photoPath, PHOTO_WIDTHS, PHOTOS_PER_LISTING, uploadProblem, type PhotoWidth } from '../domain/photo';
import type { Context } from './context';
import { updateListing } from './listings';
import { ownListing } from './queries';

/**
 * An uploaded photo checked (type, size, really an image), resized to the served widths and stored in catalog's
 * database under the hash of its bytes, tagged with what it shows (a listing's photo, or a farm's).
 */
export const storePhoto = async (
  d: Context,
  upload: { contentType: string | undefined; bytes: Buffer },
  of: { farmId: string; listingId?: string },
): Promise<{ photoId: string; widths: number[] }> => {
  const problem = uploadProblem(upload.contentType, upload.bytes.length);
  if (problem) throw new DomainError(problem.code, problem.issue.message, [problem.issue]);
  const resized = await photoVariants(upload.bytes, PHOTO_WIDTHS);
  const photoId = createHash('sha256').update(upload.bytes).digest('hex').slice(0, 32);
  const createdAt = d.clock().toISOString();
  await d.photos.save(resized.map((r) => ({ ...r, photoId, contentType: 'image/webp' as const, ...of, createdAt })));
  return { photoId, widths: resized.map((r) => r.width) };
};

/**
 * A farmer's photo for their listing: checked (type, size, really an image), resized to the served widths, stored
 * in catalog's database, and put first among the listing's photos (an edit of the listing like any other).
 */
export const uploadPhoto = async (
  d: Context,
  actor: Principal,
  listingId: string,
  upload: { contentType: string | undefined; bytes: Buffer },
  cause: Cause,
) => {
  const listing = await ownListing(d, actor, listingId);
  const { photoId, widths } = await storePhoto(d, upload, { listingId, farmId: listing.farmId });
  const path = photoPath(photoId);
  const photos = [path, ...listing.photos.filter((p) => p !== path)].slice(0, PHOTOS_PER_LISTING);
  const updated = await updateListing(d, actor, listingId, { photos }, cause);
  d.log.info({ listingId, photoId }, 'listing photo stored');
  return { photo: { id: photoId, path, widths }, listing: updated };
};

/** One width of a stored photo; a photo or width that does not exist is not found. */
export const photoVariant = async (d: Context, photoId: string, width: PhotoWidth) => {
  const found = await d.photos.get(photoId, width);
  if (!found) throw new DomainError('photo.not_found', `no photo ${photoId} at ${width} px`);
  return found;
};
