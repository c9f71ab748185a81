import type { mongo } from 'mongoose';
import type { DropPhotoVariant, DropPhotoWidth } from '../domain/drop-photo';

type Doc = mongo.Document;

/** The photos taken at drops, as used by the use cases (use-cases/drop-photos.ts). */
export interface DropPhotoStore {
  save(variants: DropPhotoVariant[]): Promise<void>;
  /** The drop a photo belongs to (from any of its widths), or null. */
  meta(
    photoId: string,
  ): Promise<Pick<DropPhotoVariant, 'runId' | 'seq' | 'shipmentIds' | 'partnerId'> | null>;
  get(photoId: string, width: DropPhotoWidth): Promise<Buffer | null>;
}

/**
 * Drop photos in logistics' own database, one document per photo and width (`<photoId>-<width>`), as catalog keeps
 * listing photos: a resized WebP is far below the document limit, and every read is by _id.
 */
export class DropPhotoRepo implements DropPhotoStore {
  constructor(private readonly collection: mongo.Collection<Doc>) {}

  async save(variants: DropPhotoVariant[]): Promise<void> {
    // The id is a hash of the upload and the stop: the same photo sent again writes the same documents.
    await this.collection.bulkWrite(
      variants.map((v) => ({
        updateOne: {
          filter: { _id: `${v.photoId}-${v.width}` } as Doc,
          update: { $setOnInsert: { ...v } },
          upsert: true,
        },
      })),
    );
  }

  async meta(photoId: string) {
    const doc = await this.collection.findOne({ _id: `${photoId}-320` } as Doc, {
      projection: { runId: 1, seq: 1, shipmentIds: 1, partnerId: 1 },
    });
    if (!doc) return null;
    return {
      runId: String(doc.runId),
      seq: Number(doc.seq),
      shipmentIds: (doc.shipmentIds ?? []) as string[],
      partnerId: String(doc.partnerId),
    };
  }

  async get(photoId: string, width: DropPhotoWidth): Promise<Buffer | null> {
    const doc = await this.collection.findOne({ _id: `${photoId}-${width}` } as Doc, {
      projection: { data: 1 },
    });
    if (!doc) return null;
    const data = doc.data as { buffer?: Uint8Array } | Buffer;
    return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer ?? []);
  }
}
