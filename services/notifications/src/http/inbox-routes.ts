import type { Api } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { markAllRead, markRead } from '../use-cases/inbox';
import { myInbox, myUnreadCount } from '../use-cases/queries';
import { EVERYONE } from './roles';
import { Inbox, InboxQuery, MarkedRead, Notification, NotificationParams, UnreadCount } from './schemas';
import { notificationView } from './views';

export const inboxRoutes = (api: Api, ctx: Context) => {
  api.route({
    method: 'get',
    path: '/me/notifications',
    summary:
      "The caller's in-app notifications, newest first with cursor paging, and the unread count. `unread=true` lists only unread ones.",
    tags: ['inbox'],
    auth: EVERYONE,
    query: InboxQuery,
    response: Inbox,
    handler: async ({ query, principal }) => {
      const [list, unread] = await Promise.all([
        myInbox(ctx, principal, { limit: query.limit, cursor: query.cursor, unreadOnly: query.unread }),
        myUnreadCount(ctx, principal),
      ]);
      return { items: list.items.map(notificationView), nextCursor: list.nextCursor, unread };
    },
  });
  api.route({
    method: 'get',
    path: '/me/notifications/unread-count',
    summary: "How many of the caller's in-app notifications are unread (the bell's number).",
    tags: ['inbox'],
    auth: EVERYONE,
    response: UnreadCount,
    handler: async ({ principal }) => ({ unread: await myUnreadCount(ctx, principal) }),
  });
  api.route({
    method: 'post',
    path: '/me/notifications/read-all',
    summary: 'Marks every in-app notification of the caller read.',
    tags: ['inbox'],
    auth: EVERYONE,
    response: MarkedRead,
    handler: async ({ principal }) => ({ marked: await markAllRead(ctx, principal) }),
  });
  api.route({
    method: 'post',
    path: '/me/notifications/:notificationId/read',
    summary:
      'Marks one in-app notification read. Only its recipient (or an admin); reading it again changes nothing.',
    tags: ['inbox'],
    auth: EVERYONE,
    params: NotificationParams,
    response: Notification,
    errors: [404],
    handler: async ({ params, principal }) =>
      notificationView(await markRead(ctx, principal, params.notificationId)),
  });
};
