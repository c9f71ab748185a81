import { describe, expect, it } from 'vitest';
import type { Membership, Person } from './person';
import { erase, grant, register, revoke } from './person-decide';

const now = new Date('2026-12-07T10:00:00Z');
const ben: Person = {
  personId: 'prs-ben',
  language: 'nl',
  memberships: [{ kind: 'buyer' }],
  registeredAt: now.toISOString(),
};
const packer: Membership = { kind: 'farm', farmId: 'farm-1', role: 'packer' };
const driver: Membership = { kind: 'partner', partnerId: 'ptn-1', role: 'driver', regions: ['Utrecht'] };

describe('a person', () => {
  it('when an account registers, then the person is a buyer and that is announced', () => {
    const out = register(null, { personId: 'prs-ben', language: 'nl' }, now);
    expect(out).toEqual({
      kind: 'change',
      state: ben,
      events: [
        {
          type: 'ftt.identity.person.registered.v1',
          data: { personId: 'prs-ben', at: now.toISOString(), language: 'nl' },
        },
      ],
    });
  });

  it('when the same account registers again, then nothing changes', () => {
    expect(register(ben, { personId: 'prs-ben', language: 'en' }, now).kind).toBe('ignore');
  });

  it('when a farm membership is granted, then the person has it and the grant is announced', () => {
    const out = grant(ben, { membership: packer, by: 'prs-op' }, now);
    expect(out.kind === 'change' && out.state.memberships).toEqual([{ kind: 'buyer' }, packer]);
    expect(out.kind === 'change' && out.events[0]).toMatchObject({
      type: 'ftt.identity.membership.granted.v1',
      data: { membership: packer, grantedBy: 'prs-op' },
    });
  });

  it('when the same membership is granted twice, then the second is ignored', () => {
    const once = grant(ben, { membership: packer, by: 'prs-op' }, now);
    if (once.kind !== 'change') throw new Error('expected a change');
    expect(grant(once.state, { membership: packer, by: 'prs-op' }, now).kind).toBe('ignore');
  });

  it("when a partner membership's regions change, then it replaces the old one", () => {
    const once = grant(ben, { membership: driver, by: 'prs-op' }, now);
    if (once.kind !== 'change') throw new Error('expected a change');
    const wider = { ...driver, regions: ['Utrecht', 'Gelderland'] };
    const out = grant(once.state, { membership: wider, by: 'prs-op' }, now);
    expect(out.kind === 'change' && out.state.memberships).toEqual([{ kind: 'buyer' }, wider]);
  });

  it('when buyer is granted or revoked, or the person is unknown, then it is refused', () => {
    expect(grant(ben, { membership: { kind: 'buyer' }, by: 'x' }, now)).toMatchObject({
      kind: 'reject',
      code: 'membership.invalid',
    });
    expect(revoke(ben, { membership: { kind: 'buyer' }, by: 'x' }, now)).toMatchObject({
      kind: 'reject',
      code: 'membership.invalid',
    });
    expect(grant(null, { membership: packer, by: 'x' }, now)).toMatchObject({
      kind: 'reject',
      code: 'person.not_found',
    });
  });

  it('when a membership is revoked, then it is gone and the revocation is announced; revoking it again is ignored', () => {
    const once = grant(ben, { membership: { kind: 'operator' }, by: 'prs-op' }, now);
    if (once.kind !== 'change') throw new Error('expected a change');
    const out = revoke(once.state, { membership: { kind: 'operator' }, by: 'prs-op' }, now);
    if (out.kind !== 'change') throw new Error('expected a change');
    expect(out.state.memberships).toEqual([{ kind: 'buyer' }]);
    expect(out.events[0]).toMatchObject({
      type: 'ftt.identity.membership.revoked.v1',
      data: { revokedBy: 'prs-op' },
    });
    expect(revoke(out.state, { membership: { kind: 'operator' }, by: 'prs-op' }, now).kind).toBe('ignore');
  });

  it('when a person with memberships erases the account, then every membership ends and the erasure is announced once', () => {
    const out = erase({ ...ben, memberships: [{ kind: 'buyer' }, packer] }, { personId: 'prs-ben' }, now);
    expect(out).toEqual({
      kind: 'change',
      state: { ...ben, memberships: [], erasedAt: now.toISOString() },
      events: [
        { type: 'ftt.identity.person.erased.v1', data: { personId: 'prs-ben', at: now.toISOString() } },
      ],
    });
    const erased = out.kind === 'change' ? out.state : ben;
    expect(erase(erased, { personId: 'prs-ben' }, now).kind).toBe('ignore');
    expect(grant(erased, { membership: packer, by: 'prs-op' }, now).kind).toBe('reject');
  });

  it('when a person whose registration was never written erases the account, then the erasure is announced all the same', () => {
    const out = erase(null, { personId: 'prs-x' }, now);
    expect(out.kind === 'change' && out.events.map((e) => e.type)).toEqual(['ftt.identity.person.erased.v1']);
  });
});
