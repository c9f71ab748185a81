import { request } from './client';
import type {
  AppNotification,
  Inbox,
  NotificationChannel,
  NotificationKind,
  NotificationProfile,
} from './types';

export interface ProfileChange {
  email?: string;
  language?: 'en' | 'nl';
  preferences?: Partial<Record<NotificationKind, Partial<Record<NotificationChannel, boolean>>>>;
}

export const notifications = {
  inbox: (o: { unread?: boolean; before?: string } = {}) =>
    request<Inbox>('notifications', '/me/notifications', { query: { unread: o.unread, before: o.before } }),
  unreadCount: () => request<{ unread: number }>('notifications', '/me/notifications/unread-count'),
  markRead: (id: string) =>
    request<AppNotification>('notifications', `/me/notifications/${encodeURIComponent(id)}/read`, {
      method: 'POST',
    }),
  markAllRead: () =>
    request<{ marked: number }>('notifications', '/me/notifications/read-all', { method: 'POST' }),
  profile: () => request<NotificationProfile>('notifications', '/me/profile'),
  updateProfile: (change: ProfileChange) =>
    request<NotificationProfile>('notifications', '/me/profile', { method: 'PATCH', body: change }),
};

/** Screens that change what is read tell the bell, so its number follows at once. */
export const INBOX_CHANGED = 'ftt:inbox-changed';
export const inboxChanged = () => window.dispatchEvent(new Event(INBOX_CHANGED));
