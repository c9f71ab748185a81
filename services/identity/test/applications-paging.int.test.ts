import { randomUUID } from 'node:crypto';
import type { ServiceUnderTest } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOperator, signedUpPerson, startHarness } from './support';

let h: ServiceUnderTest;
beforeAll(async () => {
  h = await startHarness('identity-applications-paging', { DEMO_PEOPLE: 'on' });
});
afterAll(() => h?.stop());

const application = (name: string) => ({ name, region: 'Gelderland', description: 'Vegetables', certifications: [] });

describe('GET /admin/applications pages with a cursor', () => {
  it('when an operator pages 7 at a time while people keep applying, then each application there before is seen exactly once, the oldest is reached, and the next pass sees the new ones too', async () => {
    const p = await signedUpPerson(h.svc.url, 'pager');
    const bearer = `Bearer ${(await p.browser.call('GET', '/api/auth/token')).body.token as string}`;
    const apply = async (name: string) => {
      const r = await p.browser.call('POST', '/applications/farm', application(name), { authorization: bearer });
      expect(r.status).toBe(201);
      return String(r.body.applicationId);
    };
    // history made fast: copies of a real application as the repository stores it, five per millisecond (ties
    // inside a page boundary), older than anything applied during the paging
    const template = await h.db.collection('applications').findOne({ _id: (await apply('Template farm')) as never });
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    const copies = Array.from({ length: 120 }, (_, i) => {
      const id = randomUUID();
      return { ...template, _id: id, applicationId: id, submittedAt: new Date(base + Math.floor(i / 5)).toISOString() };
    });
    await h.db.collection('applications').insertMany(copies as never[]);
    const before = [String(template!._id), ...copies.map((c) => String(c._id))];

    const op = await demoOperator(h.svc.url);
    const pageAll = async (state: string, during: () => Promise<unknown>) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 200; pages++) {
        const q = `state=${state}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const r = await op.browser.call('GET', `/admin/applications?${q}`, undefined, { authorization: op.bearer });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(r.body.items.length).toBeLessThanOrEqual(7);
        seen.push(...(r.body.items as { applicationId: string }[]).map((a) => a.applicationId));
        await during();
        cursor = r.body.nextCursor ?? null;
        if (!cursor) break;
      }
      return seen;
    };
    const added: string[] = [];
    const seen = await pageAll('submitted', async () => {
      if (added.length < 10) added.push(await apply(`During ${added.length}`));
    });
    const mine = seen.filter((id) => before.includes(id) || added.includes(id));
    expect(mine.length - new Set(mine).size, 'duplicates').toBe(0);
    expect(before.filter((id) => !seen.includes(id)), 'never seen').toEqual([]);
    // newest first by (submittedAt, _id): the last one reached is the oldest millisecond's smallest id
    const oldest = copies.slice(0, 5).map((c) => c._id).sort()[0];
    expect(seen.filter((id) => before.includes(id)).at(-1)).toBe(oldest);
    const again = await pageAll('submitted', async () => undefined);
    for (const id of [...before, ...added]) expect(again, id).toContain(id);
    expect(again.length).toBe(new Set(again).size);
  });
});
