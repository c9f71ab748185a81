import sharp from 'sharp';
import { DROP_PHOTO_WIDTHS, type DropPhotoWidth } from '../domain/drop-photo';

/** Formats sharp must find in the bytes (the declared Content-Type alone is not trusted). */
const DECODED = new Set(['jpeg', 'png', 'webp']);

export interface Resized {
  width: DropPhotoWidth;
  actualWidth: number;
  height: number;
  data: Buffer;
}

/** Why bytes give no photo: not an image of a taken format, or one whose pixels cannot be decoded (cut short, damaged). */
export type Unusable = 'not_an_image' | 'unreadable';

/**
 * The photo at each served width as WebP, upright by its EXIF orientation and stripped of its metadata (no GPS
 * position of the buyer's door leaves logistics), or why the bytes give no photo. Catalog's listing photos
 * (services/catalog/src/images/resize.ts) are made the same way.
 */
export const resizePhoto = async (bytes: Buffer): Promise<Resized[] | Unusable> => {
  let format: string | undefined;
  try {
    format = (await sharp(bytes).metadata()).format;
  } catch {
    return 'not_an_image';
  }
  if (!format || !DECODED.has(format)) return 'not_an_image';
  // the header alone can be whole while the pixels are not (an upload cut short): only decoding finds out
  try {
    return await Promise.all(
      DROP_PHOTO_WIDTHS.map(async (width) => {
        const { data, info } = await sharp(bytes)
          .rotate()
          .resize({ width, withoutEnlargement: true })
          .webp({ quality: 80 })
          .toBuffer({ resolveWithObject: true });
        return { width, actualWidth: info.width, height: info.height, data };
      }),
    );
  } catch {
    return 'unreadable';
  }
};
