import type { DeadLetter } from '../domain/notice';
import type { Context } from './context';
import { raiseNotices } from './notify';

export type DeadLetterSeen = DeadLetter;

/** A message went to a dead-letter topic: operators hear of it (in their dead-letter digest). Keyed by its place. */
export const deadLetterSeen = (ctx: Context, dl: DeadLetterSeen) => {
  const id = `dlq:${dl.topic}:${dl.partition}:${dl.offset}`;
  return raiseNotices(ctx, [
    {
      noticeId: id,
      eventId: id,
      at: ctx.clock().toISOString(),
      audience: { kind: 'operators' },
      data: { kind: 'dead_letters', ...dl, error: dl.error?.slice(0, 300) },
    },
  ]);
};
