import type { DropPhotoVariant, DropPhotoWidth } from '../domain/drop-photo';

/** The photos taken at drops, as the use cases need them (data/drop-photo-repo.ts). */
export interface DropPhotoStore {
  save(variants: DropPhotoVariant[]): Promise<void>;
  /** The drop a photo belongs to (from any of its widths), or null. */
  meta(photoId: string): Promise<Pick<DropPhotoVariant, 'runId' | 'seq' | 'shipmentIds' | 'partnerId'> | null>;
  get(photoId: string, width: DropPhotoWidth): Promise<Buffer | null>;
}
