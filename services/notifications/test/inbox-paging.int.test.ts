import { randomUUID } from 'node:crypto';
import type { TestPrincipal } from '@ftt/kit/testing';
import { startedForFile } from '@ftt/kit/test-hooks';
import { describe, expect, it } from 'vitest';
import { startHarness } from './support';

const h = startedForFile(() => startHarness('inbox-paging'));

/** In-app entries as deliver() stores them, `sameMs` at a time created in one millisecond (one event, many notices). */
const store = (recipient: string) => {
  let clock = Date.parse('2026-03-01T08:00:00.000Z');
  return async (n: number, sameMs: number) => {
    const docs = [];
    for (let i = 0; i < n; i++) {
      if (i % sameMs === 0) clock += 1;
      docs.push({
        _id: randomUUID().replaceAll('-', ''),
        eventId: randomUUID(),
        recipient,
        channel: 'inapp',
        kind: 'order_confirmed',
        language: 'en',
        subject: `entry ${i}`,
        text: 'Your order is confirmed.',
        status: 'sent',
        attempts: 0,
        createdAt: new Date(clock),
        readAt: null,
      });
    }
    await h.db.collection('deliveries').insertMany(docs as never[]);
    return docs.map((d) => d._id);
  };
};

type Entry = { id: string; createdAt: string };

describe('the inbox pages with a cursor (issue #27, finding 5)', () => {
  it('when 208 entries, 11 to a millisecond, are paged 10 at a time while 60 more arrive, then each of the 208 is seen exactly once, read or unread', async () => {
    for (const unread of [false, true]) {
      const who: TestPrincipal = { userId: `user-buyer-inbox-${randomUUID().slice(0, 8)}`, role: 'buyer' };
      const add = store(who.userId);
      const before = await add(208, 11);
      const arrived: string[] = [];
      const seen: string[] = [];
      let next = '';
      for (let pages = 0; pages < 100; pages++) {
        const res = await h.call('GET', `/me/notifications?limit=10${unread ? '&unread=true' : ''}${next}`, who);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        // What the inbox answered before cursors: `notifications`, paged with before=<the last createdAt>.
        const items = (res.body.items ?? res.body.notifications) as Entry[];
        seen.push(...items.map((e) => e.id));
        if (arrived.length < 60) arrived.push(...(await add(3, 3)));
        const cursor = res.body.nextCursor as string | null | undefined;
        if (cursor) next = `&cursor=${encodeURIComponent(cursor)}`;
        else if (cursor === undefined && items.length === 10) next = `&before=${encodeURIComponent(items.at(-1)!.createdAt)}`;
        else break;
      }
      expect(seen.length - new Set(seen).size, 'duplicates').toBe(0);
      const lost = before.filter((id) => !seen.includes(id));
      expect(lost.length, `${lost.length} of 208 entries skipped (unread=${unread})`).toBe(0);
    }
  });

  it('when the inbox is asked with a forged cursor or too large a page, then 400 naming the field', async () => {
    const who: TestPrincipal = { userId: 'user-buyer-ben', role: 'buyer' };
    for (const [q, field] of [
      ['cursor=bm90LWpzb24', 'query.cursor'],
      ['limit=101', 'query.limit'],
    ] as const) {
      const res = await h.call('GET', `/me/notifications?${q}`, who);
      expect(res.status, q).toBe(400);
      expect(res.body.errors[0].field).toBe(field);
    }
  });
});
