import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('notify-profile-race');
});
afterAll(async () => {
  await h?.stop();
});

describe("a new user's first profile reads", () => {
  it('when a new user opens the profile several times at once (a page and its bell), then every read answers 200 with the one profile', async () => {
    for (let round = 0; round < 10; round++) {
      const who = { userId: `user-buyer-${randomUUID().slice(0, 8)}`, role: 'buyer' as const };
      const replies = await Promise.all([1, 2, 3, 4, 5, 6].map(() => h.call('GET', '/me/profile', who)));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(new Set(replies.map((r) => (r.body as { userId: string }).userId))).toEqual(
        new Set([who.userId]),
      );
    }
  });
});
