import type { Principal } from '@ftt/kit';
import type { Context } from './context';

/** The caller's in-app inbox, newest first (a page ends before `before`). */
export const myInbox = (
  ctx: Context,
  caller: Principal,
  o: { limit: number; unreadOnly: boolean; before?: Date | undefined },
) => ctx.deliveries.inbox(caller.userId, o);

export const myUnreadCount = (ctx: Context, caller: Principal) => ctx.deliveries.unread(caller.userId);
