import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cursorAt, decodeCursor, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, PageQuery } from '../src/mongo/page';

const Cursor = z.object({ v: z.union([z.string(), z.number()]), d: z.literal(1).optional(), id: z.string() });
const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return (err as { issues?: { field: string }[] }).issues?.[0]?.field;
  }
  return undefined;
};

describe('the kit cursor', () => {
  it('when a page ends at a time and an id, then the cursor carries both (a Date marked as one) and decodes to them', () => {
    expect(decodeCursor(Cursor, cursorAt('2026-01-01T00:00:00.000Z', 'b'))).toEqual({ v: '2026-01-01T00:00:00.000Z', id: 'b' });
    expect(decodeCursor(Cursor, cursorAt(new Date('2026-01-01T00:00:00.000Z'), 'b'))).toEqual({ v: '2026-01-01T00:00:00.000Z', d: 1, id: 'b' });
  });

  it('when a client sends a cursor no page gave, then a 400-meaning error names the query field', () => {
    for (const raw of ['not-a-cursor', Buffer.from('{"v":1}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      expect(fieldOf(() => decodeCursor(Cursor, raw))).toBe('query.cursor');
    }
  });

  it('when a list is asked without a limit or with too large a one, then the default applies and the maximum is enforced', () => {
    const q = z.object(PageQuery);
    expect(q.parse({})).toEqual({ limit: PAGE_LIMIT_DEFAULT });
    expect(q.safeParse({ limit: String(PAGE_LIMIT_MAX) }).success).toBe(true);
    expect(q.safeParse({ limit: String(PAGE_LIMIT_MAX + 1) }).success).toBe(false);
  });
});
