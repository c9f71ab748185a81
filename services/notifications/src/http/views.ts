import type { z } from 'zod';
import { effectivePreferences, kindsOf, type Profile } from '../domain/preferences';
import { CHANNELS } from '../domain/notice';
import type { Delivery } from '../use-cases/ports';
import type { Notification, ProfileView } from './schemas';

/** An in-app entry as its recipient sees it. */
export const notificationView = (d: Delivery): z.infer<typeof Notification> => ({
  id: d.deliveryId,
  kind: d.kind,
  title: d.subject,
  body: d.text,
  ...(d.link ? { link: d.link } : {}),
  createdAt: new Date(d.createdAt).toISOString(),
  readAt: d.readAt ? new Date(d.readAt).toISOString() : null,
});

export const profileView = (p: Profile): z.infer<typeof ProfileView> => ({
  userId: p.userId,
  roles: p.roles ?? ['buyer'],
  regions: p.regions ?? [],
  email: p.email,
  language: p.language,
  preferences: effectivePreferences(p.preferences, kindsOf(p.roles)),
  channels: [...CHANNELS],
});
