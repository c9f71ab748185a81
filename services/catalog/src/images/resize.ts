import sharp from 'sharp';
import { PHOTO_WIDTHS, type PhotoWidth } from '../domain/photo';

/** Formats sharp must find in the bytes (the declared Content-Type alone is not trusted). */
const DECODED = new Set(['jpeg', 'png', 'webp']);

export interface Resized {
  width: PhotoWidth;
  actualWidth: number;
  height: number;
  data: Buffer;
}

/**
 * The photo at each served width as WebP, turned upright by its EXIF orientation and stripped of its metadata
 * (no camera serial or GPS position leaves the farm). Null when the bytes are not a JPEG, PNG or WebP image.
 */
export const resizePhoto = async (bytes: Buffer): Promise<Resized[] | null> => {
  let format: string | undefined;
  try {
    format = (await sharp(bytes).metadata()).format;
  } catch {
    return null;
  }
  if (!format || !DECODED.has(format)) return null;
  return Promise.all(
    PHOTO_WIDTHS.map(async (width) => {
      const { data, info } = await sharp(bytes)
        .rotate()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      return { width, actualWidth: info.width, height: info.height, data };
    }),
  );
};
