import type { FieldIssue } from '@ftt/kit/domain';

/** What a farmer may upload as a listing photo, and the widths it is served at (for srcset). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_WIDTHS = [320, 640, 1280] as const;
export type PhotoWidth = (typeof PHOTO_WIDTHS)[number];
/** A listing shows at most this many photos (the listing schema's own limit). */
export const PHOTOS_PER_LISTING = 10;

/** The path a listing names an uploaded photo by; its widths are served under it as <width>.webp. */
export const photoPath = (photoId: string): string => `/listing-photos/${photoId}`;
export const PHOTO_PATH = /^\/listing-photos\/[0-9a-f]{32}$/;
/** The path a farm names its own photo by; served like a listing photo, under its own prefix. */
export const farmPhotoPath = (photoId: string): string => `/farm-photos/${photoId}`;

/** Why an upload is refused before anything reads it: its declared type or its size. */
export const uploadProblem = (
  contentType: string | undefined,
  bytes: number,
): { code: 'photo.unsupported' | 'photo.too_large' | 'photo.invalid'; issue: FieldIssue } | null => {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!(PHOTO_TYPES as readonly string[]).includes(type)) {
    return {
      code: 'photo.unsupported',
      issue: { field: 'headers.content-type', message: 'a photo must be a JPEG, PNG or WebP image' },
    };
  }
  if (bytes === 0) return { code: 'photo.invalid', issue: { field: 'body', message: 'the photo is empty' } };
  if (bytes > PHOTO_MAX_BYTES) {
    return {
      code: 'photo.too_large',
      issue: { field: 'body', message: `a photo may be at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB` },
    };
  }
  return null;
};

/** A stored width of a photo: WebP bytes, addressed by the photo id (a hash of what was uploaded) and the width. */
export interface PhotoVariant {
  photoId: string;
  width: PhotoWidth;
  /** The width the image really has (a small original is never enlarged). */
  actualWidth: number;
  height: number;
  contentType: 'image/webp';
  data: Buffer;
  /** The listing it was uploaded for (absent for the farm's own photo). */
  listingId?: string | undefined;
  farmId: string;
  createdAt: string;
}
