import { createHash } from 'node:crypto';
import { metrics } from '@ftt/kit';
import type { NoticeData, NoticeKind } from '../domain/notice';
import { channelsFor, defaultProfile } from '../domain/preferences';
import { render } from '../domain/templates';
import type { Context } from './context';

const created = metrics.counter('notifications_messages_total', 'Messages created, by channel and kind');

/** The delivery's id, derived from its unique key: a repeated attempt maps onto the same document. */
export const deliveryIdOf = (eventId: string, recipient: string, channel: string) =>
  createHash('sha256').update(`${eventId}\u0000${recipient}\u0000${channel}`).digest('hex').slice(0, 32);

export interface MessageRequest {
  /** The event (or digest) the message is about. */
  eventId: string;
  recipient: string;
  kind: NoticeKind;
  items: NoticeData[];
}

/**
 * One message to one person: on each channel their preferences allow, in their language, rendered once and
 * stored as a delivery keyed by (eventId, recipient, channel). In-app entries are in the inbox at once; emails
 * wait as 'pending' for the sender. A repeat (redelivery, a retried resolution) inserts nothing.
 */
export const deliverMessage = async (ctx: Context, m: MessageRequest): Promise<number> => {
  const profile =
    (await ctx.profiles.get(m.recipient)) ?? defaultProfile(m.recipient, ctx.settings.emailDomain);
  // a person who deleted their account hears nothing more (a late event about their order)
  if (profile.erasedAt) return 0;
  const r = render(m.kind, m.items, profile.language, ctx.settings.appUrl);
  const now = ctx.clock();
  let written = 0;
  for (const channel of channelsFor(profile.preferences, m.kind)) {
    const common = {
      deliveryId: deliveryIdOf(m.eventId, m.recipient, channel),
      eventId: m.eventId,
      recipient: m.recipient,
      channel,
      kind: m.kind,
      language: profile.language,
      subject: r.subject,
      link: r.link,
      attempts: 0,
      createdAt: now,
    };
    const result = await ctx.deliveries.insert(
      channel === 'email'
        ? { ...common, text: r.text, html: r.html, to: profile.email, status: 'pending', nextAttemptAt: now }
        : { ...common, text: r.body, status: 'sent', sentAt: now, readAt: null },
    );
    if (result === 'written') {
      written++;
      created.inc({ channel, kind: m.kind });
      ctx.log.info({ eventId: m.eventId, kind: m.kind, channel }, 'message created');
    }
  }
  if (written) ctx.kickSender();
  return written;
};
