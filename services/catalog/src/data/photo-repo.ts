import type { mongo } from 'mongoose';
import type { PhotoVariant, PhotoWidth } from '../domain/photo';
import type { Photos } from '../use-cases/ports';

/**
 * Listing photos in catalog's own database, one document per photo and width (`<photoId>-<width>`): a resized WebP
 * is far below the 16 MB document limit, and every read is by _id.
 */
export class PhotoRepo implements Photos {
  constructor(private readonly collection: mongo.Collection<mongo.Document>) {}

  async save(variants: PhotoVariant[]): Promise<void> {
    // The id is a hash of the upload: the same photo uploaded again writes the same documents.
    await this.collection.bulkWrite(
      variants.map((v) => ({
        updateOne: {
          filter: { _id: `${v.photoId}-${v.width}` } as mongo.Document,
          update: { $setOnInsert: { ...v, data: v.data } },
          upsert: true,
        },
      })),
    );
  }

  async get(photoId: string, width: PhotoWidth): Promise<Pick<PhotoVariant, 'contentType' | 'data'> | null> {
    const doc = await this.collection.findOne({ _id: `${photoId}-${width}` } as mongo.Document, {
      projection: { contentType: 1, data: 1 },
    });
    if (!doc) return null;
    const data = doc.data as { buffer?: Uint8Array } | Buffer;
    return { contentType: 'image/webp', data: Buffer.isBuffer(data) ? data : Buffer.from(data.buffer ?? []) };
  }
}
