import { metrics } from '@ftt/kit';
import type { Context } from './context';

const sends = metrics.counter('notifications_email_sends_total', 'Email send attempts, by outcome');
/** How long a claimed email is reserved for its sender; past it (the sender died) another sender retries. */
const LEASE_MS = 60_000;

/** Exponential backoff with jitter, from the base to the max, by the attempts made so far. */
export const backoffMs = (attempts: number, baseMs: number, maxMs: number, random = Math.random) => {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (0.8 + 0.4 * random()));
};

/**
 * One pass of the sender: claims due pending emails one at a time and hands each to the SMTP server. A failure
 * puts the email back with a later attempt time and ends the pass (the server is likely down: the next pass
 * tries again, with backoff per email). Nothing is dropped: an email stays pending until the server took it.
 * A crash after the server took it and before 'sent' is written sends it again (same Message-ID).
 */
export const sendDue = async (ctx: Context, limit = 50): Promise<number> => {
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const now = ctx.clock();
    const d = await ctx.deliveries.claimDue(now, new Date(now.getTime() + LEASE_MS));
    if (!d) break;
    try {
      await ctx.mailer.send({
        to: d.to!,
        subject: d.subject,
        text: d.text,
        html: d.html ?? '',
        messageId: `<${d.deliveryId}@notifications.fieldtotable>`,
      });
    } catch (err) {
      const wait = backoffMs(d.attempts, ctx.settings.sendRetryBaseMs, ctx.settings.sendRetryMaxMs);
      const error = (err as Error).message ?? String(err);
      await ctx.deliveries.failed(d.deliveryId, new Date(ctx.clock().getTime() + wait), error.slice(0, 500));
      sends.inc({ outcome: 'failed' });
      ctx.log.warn(
        { deliveryId: d.deliveryId, attempts: d.attempts, retryInMs: wait, error },
        'email not sent; will retry',
      );
      break;
    }
    await ctx.deliveries.sent(d.deliveryId, ctx.clock());
    sends.inc({ outcome: 'sent' });
    ctx.log.info({ deliveryId: d.deliveryId, eventId: d.eventId, kind: d.kind }, 'email sent');
    sent++;
  }
  return sent;
};
