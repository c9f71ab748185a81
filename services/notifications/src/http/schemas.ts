import { nameSchemas, PageQuery, pageView } from '@ftt/kit';
import { z } from 'zod';
import { CHANNELS, LANGUAGES, NOTICE_KINDS } from '../domain/notice';

export const NotificationKind = z.enum(NOTICE_KINDS);
export const NotificationChannel = z.enum(CHANNELS);
export const Language = z.enum(LANGUAGES);

export const NotificationParams = z.strictObject({
  notificationId: z.string().regex(/^[0-9a-f]{32}$/, 'a notification id'),
});

export const InboxQuery = z.strictObject({
  unread: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  ...PageQuery,
});

const ChannelSwitches = z.strictObject({ email: z.boolean().optional(), inapp: z.boolean().optional() });

export const ProfileBody = z.strictObject({
  email: z.email().max(254).optional(),
  language: Language.optional(),
  /** Per kind, per channel: true to receive, false not to. Kinds and channels not named keep their value. */
  preferences: z.partialRecord(NotificationKind, ChannelSwitches).optional(),
});

export const Notification = z.object({
  id: z.string(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  link: z.string().optional(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const Inbox = z.object({ ...pageView(Notification).shape, unread: z.number().int() });
export const UnreadCount = z.object({ unread: z.number().int() });
export const MarkedRead = z.object({ marked: z.number().int() });

export const ProfileView = z.object({
  userId: z.string(),
  /** What the person's memberships make them (buyer, farmer, logistics, admin): which kinds they receive. */
  roles: z.array(z.string()),
  /** The regions their logistics partners serve (they hear of open shipments there). */
  regions: z.array(z.string()),
  email: z.string(),
  language: Language,
  /** The kinds these roles receive, each with its channels on or off. */
  preferences: z.partialRecord(NotificationKind, z.object({ email: z.boolean(), inapp: z.boolean() })),
  channels: z.array(NotificationChannel),
});

nameSchemas({
  NotificationKind,
  NotificationChannel,
  NotificationLanguage: Language,
  AppNotification: Notification,
  Inbox,
  UnreadCount,
  MarkedRead,
  NotificationProfile: ProfileView,
  NotificationProfileChange: ProfileBody,
});
