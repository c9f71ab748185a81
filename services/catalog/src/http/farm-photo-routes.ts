import { Reply, type Api } from '@ftt/kit';
import { z } from 'zod';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, type PhotoWidth } from '../domain/photo';
import type { Context } from '../use-cases/context';
import { uploadFarmPhoto } from '../use-cases/farm-photos';
import { photoVariant } from '../use-cases/photos';
import { causeOf } from './cause';
import { FarmParams, PhotoParams } from './schemas';
import { farmView, FarmView } from './views';

/** An uploaded farm photo (its path and widths) and the farm with it. */
const FarmPhotoUploaded = z
  .object({
    photo: z.object({ id: z.string(), path: z.string(), widths: z.array(z.number().int()) }),
    farm: FarmView,
  })
  .meta({ id: 'FarmPhotoUploaded' });

/** A year: a photo's URL names its content (a hash), so what is served under it never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The farm's own photo: uploaded like a listing photo, shown on the farm's page and its listings' pages. */
export const farmPhotoRoutes = (api: Api, d: Context) => {
  api.route({
    method: 'post',
    path: '/farms/:farmId/photo',
    summary:
      `Upload a photo of your farm: the image itself as the body (JPEG, PNG or WebP, at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB). ` +
      'Resized to 320, 640 and 1280 px wide (WebP, metadata stripped), stored by catalog and set as the farm photo ' +
      '(/farm-photos/<id>; each width at /farm-photos/<id>/<width>.webp).',
    tags: ['farms'],
    auth: ['farm'],
    params: FarmParams,
    raw: { types: PHOTO_TYPES, limit: `${Math.ceil(PHOTO_MAX_BYTES / 1024 / 1024) + 1}mb` },
    status: 201,
    response: FarmPhotoUploaded,
    errors: [403, 404, 409, 413, 415],
    handler: async (input) => {
      const { photo, farm } = await uploadFarmPhoto(
        d,
        input.principal,
        input.params.farmId,
        { contentType: input.headers['content-type'], bytes: input.rawBody ?? Buffer.alloc(0) },
        causeOf(input),
      );
      return new Reply(201, { photo, farm: farmView(farm) }, { location: photo.path });
    },
  });

  api.route({
    method: 'get',
    path: '/farm-photos/:photoId/:file',
    summary:
      'One width of a farm photo (`<width>.webp`: 320, 640 or 1280), cached for a year (immutable, with an ETag: a ' +
      'matching If-None-Match gets 304).',
    tags: ['farms'],
    auth: 'public',
    params: PhotoParams,
    contentType: 'image/webp',
    errors: [404],
    handler: async ({ params, headers }) => {
      const width = Number(params.file.replace('.webp', '')) as PhotoWidth;
      const found = await photoVariant(d, params.photoId, width);
      const etag = `"${params.photoId}-${width}"`;
      const cache = { 'cache-control': IMMUTABLE, etag };
      const known = String(headers['if-none-match'] ?? '')
        .split(',')
        .map((t) => t.trim().replace(/^W\//, ''));
      if (known.includes(etag)) return new Reply(304, Buffer.alloc(0), cache);
      return new Reply(200, found.data, { 'content-type': found.contentType, ...cache });
    },
  });
};
