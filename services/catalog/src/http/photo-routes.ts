import { Reply, type Api, type HandlerInput } from '@ftt/kit';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, type PhotoWidth } from '../domain/photo';
import type { Context } from '../use-cases/context';
import { photoVariant, uploadPhoto } from '../use-cases/photos';
import { causeOf } from './cause';
import { z } from 'zod';
import { ListingParams, PhotoParams } from './schemas';
import { listingView, ListingView } from './views';

/** An uploaded photo (its path and widths) and the listing with it first among its photos. */
const PhotoUploaded = z.object({
  photo: z.object({ id: z.string(), path: z.string(), widths: z.array(z.number().int()) }),
  listing: ListingView,
});

/** A year: a photo's URL names its content (a hash), so what is served under it never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** GET <prefix>/:photoId/<width>.webp: one width of a stored photo (a listing's or a farm's), immutable, with an ETag. */
export const photoWidthRoute = (api: Api, d: Context, o: { prefix: string; what: string; tags: string[] }) =>
  api.route({
    method: 'get',
    path: `${o.prefix}/:photoId/:file`,
    summary:
      `One width of a ${o.what} photo (\`<width>.webp\`: 320, 640 or 1280), cached for a year (immutable, with an ETag: a ` +
      'matching If-None-Match gets 304).',
    tags: o.tags,
    auth: 'public',
    params: PhotoParams,
    contentType: 'image/webp',
    errors: [404],
    handler: async ({ params, headers }) => {
      const width = Number(params.file.replace('.webp', '')) as PhotoWidth;
      const found = await photoVariant(d, params.photoId, width);
      const etag = `"${params.photoId}-${width}"`;
      const cache = { 'cache-control': IMMUTABLE, etag };
      // the browser already has these bytes: say so without sending them again
      const known = String(headers['if-none-match'] ?? '')
        .split(',')
        .map((t) => t.trim().replace(/^W\//, ''));
      if (known.includes(etag)) return new Reply(304, Buffer.alloc(0), cache);
      return new Reply(200, found.data, { 'content-type': found.contentType, ...cache });
    },
  });

/**
 * A photo upload's body: the image itself. The limit is a little above the photo limit, so that a photo just past
 * it gets the service's own problem naming the body.
 */
export const PHOTO_BODY = { types: PHOTO_TYPES, limit: `${Math.ceil(PHOTO_MAX_BYTES / 1024 / 1024) + 1}mb` };

/** The image a photo upload sent (an empty one when it sent none: the use case refuses it, naming the body). */
export const uploadedImage = (input: Pick<HandlerInput<unknown, unknown, unknown, unknown>, 'headers' | 'rawBody'>) => ({
  contentType: input.headers['content-type'],
  bytes: input.rawBody ?? Buffer.alloc(0),
});

export const photoRoutes = (api: Api, d: Context) => {
  api.route({
    method: 'post',
    path: '/listings/:listingId/photos',
    summary:
      `Upload a photo for your listing: the image itself as the body (JPEG, PNG or WebP, at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB). ` +
      'It is resized to 320, 640 and 1280 px wide (WebP, metadata stripped), stored by catalog and put first among ' +
      "the listing's photos (/listing-photos/<id>; each width at /listing-photos/<id>/<width>.webp).",
    tags: ['listings'],
    auth: ['farm'],
    params: ListingParams,
    raw: PHOTO_BODY,
    status: 201,
    response: PhotoUploaded,
    errors: [404, 409, 413, 415],
    handler: async (input) => {
      const { photo, listing } = await uploadPhoto(d, input.principal, input.params.listingId, uploadedImage(input), causeOf(input));
      return new Reply(201, { photo, listing: listingView(listing, true) }, { location: photo.path });
    },
  });

  photoWidthRoute(api, d, { prefix: '/listing-photos', what: 'listing', tags: ['listings'] });
};
