import { decider } from '@ftt/kit/testing/decider';
import { describe, it } from 'vitest';
import { inviteAggregate } from '../use-cases/aggregates';
import type { Invite } from './invite';
import { accept, invite } from './invite-decide';

const now = new Date('2026-12-07T10:00:00Z');
const packer = { kind: 'farm', farmId: 'farm-1', role: 'packer' } as const;
/** Given an invitation, when a decider, then its outcome (every state parsed by the invite's schema). */
const invites = decider<Invite>(inviteAggregate, { now });
const invited = invites
  .given(null)
  .when((i, at) => invite(i, { inviteId: 'inv-1', email: 'Piet@Example.test', membership: packer, by: 'anna', language: 'en', ttlMs: 60_000 }, at));
const pending = invited.then().state;
const piet = { personId: 'piet', email: 'piet@example.test', emailVerified: true };

describe('an invitation', () => {
  it('when an owner invites, then it waits for the address (lower case) until it expires', () => {
    invited.then({ state: { email: 'piet@example.test', state: 'pending', expiresAt: '2026-12-07T10:01:00.000Z' } });
  });

  it('when the invited verified address accepts, then it is accepted; again by the same person is ignored', () => {
    const accepted = invites
      .given(pending)
      .when((i, at) => accept(i, piet, at))
      .then({ state: { state: 'accepted', accepted: { by: 'piet' } as Invite['accepted'] } });
    accepted.when((i, at) => accept(i, piet, at)).thenIgnores();
    accepted.when((i, at) => accept(i, { ...piet, personId: 'eve' }, at)).thenRejects('invite.invalid_transition');
  });

  it('when another address, an unverified one or a late one accepts, then it is refused', () => {
    invites.given(pending).when((i, at) => accept(i, { personId: 'eve', email: 'eve@example.test', emailVerified: true }, at)).thenRejects('invite.forbidden');
    invites.given(pending).when((i, at) => accept(i, { personId: 'eve', email: 'piet@example.test', emailVerified: false }, at)).thenRejects('invite.forbidden');
    invites.given(pending).when((i, at) => accept(i, piet, at), new Date('2026-12-08T00:00:00Z')).thenRejects('invite.invalid_transition');
  });
});
