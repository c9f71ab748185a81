import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import { decide, submit } from '../domain/application-decide';
import { accept, invite } from '../domain/invite-decide';
import { grant, register } from '../domain/person-decide';
import { applicationAggregate, inviteAggregate, personAggregate } from './aggregates';

const now = new Date('2026-12-07T10:00:00Z');

/**
 * Every identity aggregate states its schema, and the kit's decider helper parses the state each first decider creates
 * and each later decider writes with it (a state the schema refuses fails `then`).
 */
describe('identity aggregates have a state schema', () => {
  it('when a person registers and is made a packer, then both states parse; a membership of an unknown kind does not', () => {
    const { state } = decider(personAggregate, { now })
      .given(null)
      .when(register, { personId: 'prs-1', language: 'nl' })
      .then({ state: { memberships: [{ kind: 'buyer' }] } })
      .when(grant, { membership: { kind: 'farm', farmId: 'farm-1', role: 'packer' }, by: 'anna' })
      .then();
    expect(personAggregate.schema!.safeParse({ ...state, memberships: [{ kind: 'landlord' }] }).success).toBe(false);
  });

  it('when a farm applies and is approved, then both states parse; a farm application without its farm does not', () => {
    const details = { kind: 'farm' as const, farm: { name: 'De Hoeve', region: 'Gelderland', description: '', certifications: [] } };
    const { state } = decider(applicationAggregate, { now })
      .given(null)
      .when(submit, { applicationId: 'app-1', personId: 'prs-1', placeId: 'farm-1', details })
      .then({ state: { state: 'submitted' } })
      .when(decide, { decision: 'approved', by: 'op-1', reason: 'checked' })
      .then({ state: { state: 'approved' } });
    const { farm: _farm, ...noFarm } = state as typeof state & { farm: unknown };
    expect(applicationAggregate.schema!.safeParse(noFarm).success).toBe(false);
  });

  it('when a packer is invited and accepts, then both states parse; an invite in an unknown state does not', () => {
    const membership = { kind: 'farm', farmId: 'farm-1', role: 'packer' } as const;
    const { state } = decider(inviteAggregate, { now })
      .given(null)
      .when(invite, { inviteId: 'inv-1', email: 'piet@example.test', membership, by: 'anna', language: 'en', ttlMs: 60_000 })
      .then()
      .when((i, at) => accept(i, { personId: 'piet', email: 'piet@example.test', emailVerified: true }, at))
      .then({ state: { state: 'accepted' } });
    expect(inviteAggregate.schema!.safeParse({ ...state, state: 'declined' }).success).toBe(false);
  });
});
