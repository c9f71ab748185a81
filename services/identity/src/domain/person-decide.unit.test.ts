import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import type { Membership, Person, PersonEvent } from './person';
import { erase, grant, register, revoke } from './person-decide';
import { personAggregate } from '../use-cases/aggregates';

const now = new Date('2026-12-07T10:00:00Z');
const ben: Person = {
  personId: 'prs-ben',
  language: 'nl',
  memberships: [{ kind: 'buyer' }],
  registeredAt: now.toISOString(),
};
const packer: Membership = { kind: 'farm', farmId: 'farm-1', role: 'packer' };
const driver: Membership = { kind: 'partner', partnerId: 'ptn-1', role: 'driver', regions: ['Utrecht'] };
/** Given a person, when a decider, then its outcome (every state parsed by the person's schema). */
const person = decider<Person, PersonEvent>(personAggregate, { now });

describe('a person', () => {
  it('when an account registers, then the person is a buyer and that is announced', () => {
    const { state } = person
      .given(null)
      .when((p, at) => register(p, { personId: 'prs-ben', language: 'nl' }, at))
      .then({ events: [{ type: 'ftt.identity.person.registered.v1', data: { personId: 'prs-ben', at: now.toISOString(), language: 'nl' } }] });
    expect(state).toEqual(ben);
  });

  it('when the same account registers again, then nothing changes', () => {
    person.given(ben).when((p, at) => register(p, { personId: 'prs-ben', language: 'en' }, at)).thenIgnores();
  });

  it('when a farm membership is granted, then the person has it and the grant is announced', () => {
    person
      .given(ben)
      .when((p, at) => grant(p, { membership: packer, by: 'prs-op' }, at))
      .then({
        state: { memberships: [{ kind: 'buyer' }, packer] },
        events: [{ type: 'ftt.identity.membership.granted.v1', data: { membership: packer, grantedBy: 'prs-op' } }],
      });
  });

  it('when the same membership is granted twice, then the second is ignored', () => {
    person
      .given(ben)
      .when((p, at) => grant(p, { membership: packer, by: 'prs-op' }, at))
      .then()
      .when((p, at) => grant(p, { membership: packer, by: 'prs-op' }, at))
      .thenIgnores();
  });

  it("when a partner membership's regions change, then it replaces the old one", () => {
    const wider = { ...driver, regions: ['Utrecht', 'Gelderland'] };
    const { state } = person
      .given(ben)
      .when((p, at) => grant(p, { membership: driver, by: 'prs-op' }, at))
      .then()
      .when((p, at) => grant(p, { membership: wider, by: 'prs-op' }, at))
      .then();
    expect(state.memberships).toEqual([{ kind: 'buyer' }, wider]);
  });

  it('when buyer is granted or revoked, or the person is unknown, then it is refused', () => {
    person.given(ben).when((p, at) => grant(p, { membership: { kind: 'buyer' }, by: 'x' }, at)).thenRejects('membership.invalid');
    person.given(ben).when((p, at) => revoke(p, { membership: { kind: 'buyer' }, by: 'x' }, at)).thenRejects('membership.invalid');
    person.given(null).when((p, at) => grant(p, { membership: packer, by: 'x' }, at)).thenRejects('person.not_found');
  });

  it('when a membership is revoked, then it is gone and the revocation is announced; revoking it again is ignored', () => {
    const { state } = person
      .given(ben)
      .when((p, at) => grant(p, { membership: { kind: 'operator' }, by: 'prs-op' }, at))
      .then()
      .when((p, at) => revoke(p, { membership: { kind: 'operator' }, by: 'prs-op' }, at))
      .then({ events: [{ type: 'ftt.identity.membership.revoked.v1', data: { revokedBy: 'prs-op' } }] });
    expect(state.memberships).toEqual([{ kind: 'buyer' }]);
    person.given(state).when((p, at) => revoke(p, { membership: { kind: 'operator' }, by: 'prs-op' }, at)).thenIgnores();
  });

  it('when a person with memberships erases the account, then every membership ends and the erasure is announced once', () => {
    const erased = person
      .given({ ...ben, memberships: [{ kind: 'buyer' }, packer] })
      .when((p, at) => erase(p, { personId: 'prs-ben' }, at))
      .then({ events: [{ type: 'ftt.identity.person.erased.v1', data: { personId: 'prs-ben', at: now.toISOString() } }] });
    expect(erased.state).toEqual({ ...ben, memberships: [], erasedAt: now.toISOString() });
    erased.when((p, at) => erase(p, { personId: 'prs-ben' }, at)).thenIgnores();
    expect(erased.when((p, at) => grant(p, { membership: packer, by: 'prs-op' }, at)).outcome.kind).toBe('reject');
  });

  it('when a person whose registration was never written erases the account, then the erasure is announced all the same', () => {
    person.given(null).when((p, at) => erase(p, { personId: 'prs-x' }, at)).then({ events: [{ type: 'ftt.identity.person.erased.v1' }] });
  });
});
