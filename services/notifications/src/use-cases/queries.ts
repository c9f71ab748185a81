import type { PageRequest, Principal } from '@ftt/kit';
import type { Context } from './context';

/** The caller's in-app inbox, newest first, a page at a time. */
export const myInbox = (ctx: Context, caller: Principal, o: { unreadOnly: boolean } & PageRequest) => ctx.deliveries.inbox(caller.userId, o);

export const myUnreadCount = (ctx: Context, caller: Principal) => ctx.deliveries.unread(caller.userId);
