import { Reply, type Api } from '@ftt/kit';
import { z } from 'zod';
import {
  DROP_PHOTO_MAX_BYTES,
  DROP_PHOTO_TYPES,
  DROP_PHOTO_WIDTHS,
  type DropPhotoWidth,
} from '../domain/drop-photo';
import type { Context } from '../use-cases/context';
import { deliveryPhoto, uploadDropPhoto } from '../use-cases/drop-photos';
import { StopParams } from './run-schemas';

const DropPhotoUploaded = z
  .object({ id: z.string(), widths: z.array(z.number().int()) })
  .meta({ id: 'DropPhoto' });
const DeliveryPhotoParams = z.strictObject({
  orderId: z.string().min(1).max(64),
  shipmentId: z.string().min(1).max(64),
});
const WidthQuery = z.strictObject({
  width: z.coerce
    .number()
    .int()
    .refine((w) => (DROP_PHOTO_WIDTHS as readonly number[]).includes(w), 'one of 320, 640, 1280')
    .default(640),
});

/** Photos at runs' drops: the partner takes one before recording the drop; the buyer sees it on their own box. */
export const dropPhotoRoutes = (api: Api, ctx: Context) => {
  api.route({
    method: 'post',
    path: '/runs/:runId/stops/:seq/photo',
    summary:
      `A photo of a drop before it is recorded (proof of delivery): the image itself as the body (JPEG, PNG or WebP, ` +
      `at most ${DROP_PHOTO_MAX_BYTES / 1024 / 1024} MB; an incomplete image is a 400). Resized to 320, 640 and ` +
      "1280 px (WebP, metadata stripped) and kept by logistics; send its id with the drop. Members of the run's partner only.",
    tags: ['runs'],
    auth: ['partner'],
    params: StopParams,
    // a little above the limit, so that a photo just past it gets the service's own problem naming the body
    raw: { types: DROP_PHOTO_TYPES, limit: `${Math.ceil(DROP_PHOTO_MAX_BYTES / 1024 / 1024) + 1}mb` },
    status: 201,
    response: DropPhotoUploaded,
    errors: [403, 404, 409, 413, 415, 422],
    handler: ({ principal, params, headers, rawBody }) =>
      uploadDropPhoto(ctx, principal, params.runId, params.seq, {
        contentType: headers['content-type'],
        bytes: rawBody ?? Buffer.alloc(0),
      }),
  });
  api.route({
    method: 'get',
    path: '/trace/orders/:orderId/shipments/:shipmentId/photo',
    summary:
      'The photo taken where this box of the order was dropped (WebP, `width` 320, 640 or 1280). For the buyer of ' +
      'the order and admins only, of their own boxes only.',
    tags: ['traceability', 'runs'],
    auth: ['buyer'],
    params: DeliveryPhotoParams,
    query: WidthQuery,
    contentType: 'image/webp',
    errors: [403, 404],
    handler: async ({ principal, params, query }) => {
      const { photoId, data } = await deliveryPhoto(
        ctx,
        principal,
        params.orderId,
        params.shipmentId,
        query.width as DropPhotoWidth,
      );
      return new Reply(200, data, {
        'content-type': 'image/webp',
        // personal: the browser may keep it, shared caches may not
        'cache-control': 'private, max-age=86400',
        etag: `"${photoId}-${query.width}"`,
      });
    },
  });
};
