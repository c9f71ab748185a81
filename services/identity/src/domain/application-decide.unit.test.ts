import { describe, expect, it } from 'vitest';
import { grantedMembership, type Application } from './application';
import { decide, submit } from './application-decide';

const now = new Date('2026-12-07T10:00:00Z');
const farm = { name: 'De Hof', region: 'Gelderland', description: 'Vegetables', certifications: [] };
const submitted = (() => {
  const out = submit(null, { applicationId: 'app-1', personId: 'prs-1', placeId: 'farm-9', details: { kind: 'farm', farm } }, now);
  if (out.kind !== 'change') throw new Error('not submitted');
  return out.state;
})();

describe('an application', () => {
  it('when a person applies, then it waits for an operator and announces nothing yet', () => {
    const out = submit(null, { applicationId: 'app-1', personId: 'prs-1', placeId: 'farm-9', details: { kind: 'farm', farm } }, now);
    expect(out).toMatchObject({ kind: 'change', state: { state: 'submitted', placeId: 'farm-9' }, events: [] });
  });

  it('when an operator approves, then the decision is announced with the new farm and grants its ownership', () => {
    const out = decide(submitted, { decision: 'approved', by: 'op', reason: 'papers fine' }, now);
    expect(out).toMatchObject({
      kind: 'change',
      state: { state: 'approved', decision: { by: 'op', reason: 'papers fine' } },
      events: [
        {
          type: 'ftt.identity.application.decided.v1',
          data: { decision: 'approved', farm: { farmId: 'farm-9', name: 'De Hof', region: 'Gelderland' } },
        },
      ],
    });
    expect(grantedMembership(submitted)).toEqual({ kind: 'farm', farmId: 'farm-9', role: 'owner' });
  });

  it('when an operator rejects, then no farm is named and a later approval is refused', () => {
    const out = decide(submitted, { decision: 'rejected', by: 'op', reason: 'no papers' }, now);
    expect(out.kind === 'change' && out.events[0]!.data).not.toHaveProperty('farm');
    const rejected = (out as { state: Application }).state;
    expect(decide(rejected, { decision: 'approved', by: 'op', reason: 'x' }, now)).toMatchObject({
      kind: 'reject',
      code: 'application.invalid_transition',
    });
    expect(decide(rejected, { decision: 'rejected', by: 'op', reason: 'x' }, now).kind).toBe('ignore');
  });

  it('when an operator decides their own application, then it is refused', () => {
    expect(decide(submitted, { decision: 'approved', by: 'prs-1', reason: 'me' }, now)).toMatchObject({
      kind: 'reject',
      code: 'application.forbidden',
    });
  });
});
