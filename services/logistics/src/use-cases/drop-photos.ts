import { createHash } from 'node:crypto';
import { DomainError, mayPartner, type Principal } from '@ftt/kit';
import { photoVariants } from '@ftt/kit/images';
import { DROP_PHOTO_WIDTHS, dropUploadProblem, type DropPhotoWidth } from '../domain/drop-photo';
import type { Context } from './context';
import { loadOrder } from './order-access';

/**
 * A photo at a run's drop (proof of delivery), taken by the run's partner before recording the drop: checked (type,
 * size, really an image that decodes whole), resized, stored by logistics. Recording the drop with its id puts it
 * on every box of that drop (use-cases/runs.ts, recordDrop).
 */
export const uploadDropPhoto = async (
  ctx: Context,
  caller: Principal,
  runId: string,
  seq: number,
  upload: { contentType: string | undefined; bytes: Buffer },
) => {
  const run = await ctx.runs.get(runId);
  if (!run)
    throw new DomainError('run.not_found', `no run ${runId}`, [
      { field: 'params.runId', message: 'no such run' },
    ]);
  const partnerId = run.partnerId;
  if (!partnerId || !mayPartner(caller, partnerId, 'shipments.move'))
    throw new DomainError('run.forbidden', "only the members of the partner who claimed the run may add photos to its drops");
  const stop = run.stops[seq];
  if (!stop || stop.kind !== 'drop')
    throw new DomainError('run.unprocessable', `stop ${seq} is not a drop of this run`, [
      { field: 'params.seq', message: stop ? `stop ${seq} is a pickup` : `the run has no stop ${seq}` },
    ]);
  if (stop.status === 'done')
    throw new DomainError('run.invalid_transition', `stop ${seq} is recorded already`, [
      { field: 'params.seq', message: 'this drop is recorded already' },
    ]);
  const problem = dropUploadProblem(upload.contentType, upload.bytes.length);
  if (problem) throw new DomainError(problem.code, problem.issue.message, [problem.issue]);
  const resized = await photoVariants(upload.bytes, DROP_PHOTO_WIDTHS);
  const photoId = createHash('sha256')
    .update(`${runId}|${seq}|`)
    .update(upload.bytes)
    .digest('hex')
    .slice(0, 32);
  const createdAt = ctx.clock().toISOString();
  await ctx.dropPhotos.save(
    resized.map((r) => ({
      ...r,
      photoId,
      contentType: 'image/webp' as const,
      runId,
      seq,
      shipmentIds: stop.shipmentIds,
      partnerId,
      createdAt,
    })),
  );
  ctx.log.info({ runId, seq, photoId }, 'drop photo stored');
  return { id: photoId, widths: resized.map((r) => r.width) };
};

/** A photo may prove only the drop it was taken at: anything else is a 400 naming body.photoId. */
export const assertDropPhoto = async (ctx: Context, photoId: string, runId: string, seq: number) => {
  const meta = await ctx.dropPhotos.meta(photoId);
  if (!meta || meta.runId !== runId || meta.seq !== seq)
    throw new DomainError('photo.invalid', 'no photo was taken at this drop with that id', [
      { field: 'body.photoId', message: 'upload the photo at this drop first' },
    ]);
};

/**
 * The photo taken where the buyer's box was dropped: for the buyer of the order (and admins) only, of their own
 * box only (a shipment of another order is not found here).
 */
export const deliveryPhoto = async (
  ctx: Context,
  caller: Principal,
  orderId: string,
  shipmentId: string,
  width: DropPhotoWidth,
) => {
  const { shipments } = await loadOrder(ctx, caller, orderId);
  const photoId = shipments.find((s) => s.shipmentId === shipmentId)?.delivery?.photoId;
  const data = photoId ? await ctx.dropPhotos.get(photoId, width) : null;
  if (!photoId || !data)
    throw new DomainError('photo.not_found', 'no delivery photo for this box', [
      { field: 'params.shipmentId', message: 'no photo was taken when this box was delivered' },
    ]);
  return { photoId, data };
};
