import { assertOwner, DomainError, type Principal } from '@ftt/kit';
import type { Context } from './context';

/** Marks one in-app entry read; only its recipient (or an admin) may. Reading it again changes nothing. */
export const markRead = async (ctx: Context, caller: Principal, notificationId: string) => {
  const d = await ctx.deliveries.get(notificationId);
  if (!d || d.channel !== 'inapp')
    throw new DomainError('notification.not_found', `no notification ${notificationId}`);
  assertOwner(caller, d.recipient, 'notification');
  if (!d.readAt) await ctx.deliveries.markRead(notificationId, ctx.clock());
  return (await ctx.deliveries.get(notificationId))!;
};

export const markAllRead = (ctx: Context, caller: Principal) =>
  ctx.deliveries.markAllRead(caller.userId, ctx.clock());
