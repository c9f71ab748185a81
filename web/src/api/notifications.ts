import { request } from './client';
import type {
  AppNotification,
  Inbox,
  MarkedRead,
  NotificationProfile,
  NotificationProfileChange,
  UnreadCount,
} from './types';

export type ProfileChange = NotificationProfileChange;

export const notifications = {
  /** Newest first; `cursor` is the previous page's nextCursor. */
  inbox: (o: { unread?: boolean; cursor?: string | undefined } = {}) =>
    request<Inbox>('notifications', '/me/notifications', { query: { unread: o.unread, cursor: o.cursor } }),
  unreadCount: () => request<UnreadCount>('notifications', '/me/notifications/unread-count'),
  markRead: (id: string) =>
    request<AppNotification>('notifications', `/me/notifications/${encodeURIComponent(id)}/read`, {
      method: 'POST',
    }),
  markAllRead: () => request<MarkedRead>('notifications', '/me/notifications/read-all', { method: 'POST' }),
  profile: () => request<NotificationProfile>('notifications', '/me/profile'),
  updateProfile: (change: ProfileChange) =>
    request<NotificationProfile>('notifications', '/me/profile', { method: 'PATCH', body: change }),
};

/** Screens that change what is read tell the bell, so its number follows at once. */
export const INBOX_CHANGED = 'ftt:inbox-changed';
export const inboxChanged = () => window.dispatchEvent(new Event(INBOX_CHANGED));
