import { Reply, type Api } from '@ftt/kit';
import { z } from 'zod';
import { PHOTO_MAX_BYTES } from '../domain/photo';
import type { Context } from '../use-cases/context';
import { uploadFarmPhoto } from '../use-cases/farm-photos';
import { causeOf } from './cause';
import { PHOTO_BODY, photoWidthRoute, uploadedImage } from './photo-routes';
import { FarmParams } from './schemas';
import { farmView, FarmView } from './views';

/** An uploaded farm photo (its path and widths) and the farm with it. */
const FarmPhotoUploaded = z
  .object({
    photo: z.object({ id: z.string(), path: z.string(), widths: z.array(z.number().int()) }),
    farm: FarmView,
  })
  .meta({ id: 'FarmPhotoUploaded' });

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
    raw: PHOTO_BODY,
    status: 201,
    response: FarmPhotoUploaded,
    errors: [403, 404, 409, 413, 415],
    handler: async (input) => {
      const { photo, farm } = await uploadFarmPhoto(d, input.principal, input.params.farmId, uploadedImage(input), causeOf(input));
      return new Reply(201, { photo, farm: farmView(farm) }, { location: photo.path });
    },
  });

  photoWidthRoute(api, d, { prefix: '/farm-photos', what: 'farm', tags: ['farms'] });
};
