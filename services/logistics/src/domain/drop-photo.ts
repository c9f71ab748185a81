import type { FieldIssue } from '@ftt/kit/domain';

/**
 * A photo taken at a run's drop as proof of delivery: the same rules as catalog's listing photos (services/catalog,
 * domain/photo.ts): JPEG, PNG or WebP up to 5 MB, checked by decoding, kept as WebP at a few widths without metadata.
 */
export const DROP_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const DROP_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const DROP_PHOTO_WIDTHS = [320, 640, 1280] as const;
export type DropPhotoWidth = (typeof DROP_PHOTO_WIDTHS)[number];
export const DROP_PHOTO_ID = /^[0-9a-f]{32}$/;

/** Why an upload is refused before anything reads it: its declared type or its size. */
export const dropUploadProblem = (
  contentType: string | undefined,
  bytes: number,
): { code: 'photo.unsupported' | 'photo.too_large' | 'photo.invalid'; issue: FieldIssue } | null => {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!(DROP_PHOTO_TYPES as readonly string[]).includes(type)) {
    return {
      code: 'photo.unsupported',
      issue: { field: 'headers.content-type', message: 'a photo must be a JPEG, PNG or WebP image' },
    };
  }
  if (bytes === 0) return { code: 'photo.invalid', issue: { field: 'body', message: 'the photo is empty' } };
  if (bytes > DROP_PHOTO_MAX_BYTES) {
    return {
      code: 'photo.too_large',
      issue: { field: 'body', message: `a photo may be at most ${DROP_PHOTO_MAX_BYTES / 1024 / 1024} MB` },
    };
  }
  return null;
};

/** One stored width of a drop photo, with the drop it proves (run, stop, boxes) and who took it. */
export interface DropPhotoVariant {
  photoId: string;
  width: DropPhotoWidth;
  actualWidth: number;
  height: number;
  contentType: 'image/webp';
  data: Buffer;
  runId: string;
  seq: number;
  shipmentIds: string[];
  partnerId: string;
  createdAt: string;
}
