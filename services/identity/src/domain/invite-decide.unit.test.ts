import { describe, expect, it } from 'vitest';
import type { Invite } from './invite';
import { accept, invite } from './invite-decide';

const now = new Date('2026-12-07T10:00:00Z');
const packer = { kind: 'farm', farmId: 'farm-1', role: 'packer' } as const;
const pending = (() => {
  const out = invite(null, { inviteId: 'inv-1', email: 'Piet@Example.test', membership: packer, by: 'anna', language: 'en', ttlMs: 60_000 }, now);
  if (out.kind !== 'change') throw new Error('not invited');
  return out.state;
})();

describe('an invitation', () => {
  it('when an owner invites, then it waits for the address (lower case) until it expires', () => {
    expect(pending).toMatchObject({ email: 'piet@example.test', state: 'pending', expiresAt: '2026-12-07T10:01:00.000Z' });
  });

  it('when the invited verified address accepts, then it is accepted; again by the same person is ignored', () => {
    const out = accept(pending, { personId: 'piet', email: 'piet@example.test', emailVerified: true }, now);
    expect(out).toMatchObject({ kind: 'change', state: { state: 'accepted', accepted: { by: 'piet' } } });
    const accepted = (out as { state: Invite }).state;
    expect(accept(accepted, { personId: 'piet', email: 'piet@example.test', emailVerified: true }, now).kind).toBe('ignore');
    expect(accept(accepted, { personId: 'eve', email: 'piet@example.test', emailVerified: true }, now).kind).toBe('reject');
  });

  it('when another address, an unverified one or a late one accepts, then it is refused', () => {
    expect(accept(pending, { personId: 'eve', email: 'eve@example.test', emailVerified: true }, now)).toMatchObject({ code: 'invite.forbidden' });
    expect(accept(pending, { personId: 'eve', email: 'piet@example.test', emailVerified: false }, now)).toMatchObject({ code: 'invite.forbidden' });
    expect(accept(pending, { personId: 'piet', email: 'piet@example.test', emailVerified: true }, new Date('2026-12-08T00:00:00Z'))).toMatchObject({
      code: 'invite.invalid_transition',
    });
  });
});
