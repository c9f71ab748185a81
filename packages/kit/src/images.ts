import sharp from 'sharp';
import { DomainError } from './errors';

/**
 * Photos people upload (a listing's, a farm's, a drop's): one way to make them, for every service that takes them.
 * A subpath of the kit (`@ftt/kit/images`), not its index, so that only services that declare sharp load it.
 */

/** Formats sharp must find in the bytes (the declared Content-Type alone is not trusted). */
const DECODED = new Set(['jpeg', 'png', 'webp']);

export interface Resized<W extends number> {
  width: W;
  actualWidth: number;
  height: number;
  data: Buffer;
}

/** Why bytes give no photo: not an image of a taken format, or one whose pixels cannot be decoded (cut short, damaged). */
export type Unusable = 'not_an_image' | 'unreadable';

/**
 * The photo at each served width as WebP, turned upright by its EXIF orientation and stripped of its metadata (no
 * camera serial or GPS position leaves the service), or why the bytes give no photo.
 */
export const resizePhoto = async <W extends number>(
  bytes: Buffer,
  widths: readonly W[],
): Promise<Resized<W>[] | Unusable> => {
  let format: string | undefined;
  try {
    format = (await sharp(bytes).metadata()).format;
  } catch {
    return 'not_an_image';
  }
  if (!format || !DECODED.has(format)) return 'not_an_image';
  // the header alone can be whole while the pixels are not (an upload cut short): only decoding finds out, and
  // sharp's decode errors are the upload's fault, never the server's
  try {
    return await Promise.all(
      widths.map(async (width) => {
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

/** `resizePhoto`, with bytes that give no photo refused as a 400 `photo.invalid` naming the body. */
export const photoVariants = async <W extends number>(bytes: Buffer, widths: readonly W[]): Promise<Resized<W>[]> => {
  const resized = await resizePhoto(bytes, widths);
  if (resized === 'not_an_image')
    throw new DomainError('photo.invalid', 'the file is not a JPEG, PNG or WebP image', [
      { field: 'body', message: 'not a JPEG, PNG or WebP image' },
    ]);
  if (resized === 'unreadable')
    throw new DomainError('photo.invalid', 'the photo could not be decoded', [
      { field: 'body', message: 'the photo is incomplete or unreadable' },
    ]);
  return resized;
};
