import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import { grantedMembership, type Application, type ApplicationEvent } from './application';
import { decide, submit } from './application-decide';
import { applicationAggregate } from '../use-cases/aggregates';

const now = new Date('2026-12-07T10:00:00Z');
const farm = { name: 'De Hof', region: 'Gelderland', description: 'Vegetables', certifications: [] };
/** Given an application, when a decider, then its outcome (every state parsed by the application's schema). */
const application = decider<Application, ApplicationEvent>(applicationAggregate, { now });
const submitting = application
  .given(null)
  .when((a, at) => submit(a, { applicationId: 'app-1', personId: 'prs-1', placeId: 'farm-9', details: { kind: 'farm', farm } }, at));
const submitted = submitting.then().state;

describe('an application', () => {
  it('when a person applies, then it waits for an operator and announces nothing yet', () => {
    submitting.then({ state: { state: 'submitted', placeId: 'farm-9' }, events: [] });
  });

  it('when an operator approves, then the decision is announced with the new farm and grants its ownership', () => {
    application
      .given(submitted)
      .when((a, at) => decide(a, { decision: 'approved', by: 'op', reason: 'papers fine' }, at))
      .then({
        state: { state: 'approved', decision: { by: 'op', reason: 'papers fine' } as Application['decision'] },
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
    const rejected = application
      .given(submitted)
      .when((a, at) => decide(a, { decision: 'rejected', by: 'op', reason: 'no papers' }, at))
      .then({ events: [{ type: 'ftt.identity.application.decided.v1' }] });
    expect(rejected.events[0]!.data).not.toHaveProperty('farm');
    rejected.when((a, at) => decide(a, { decision: 'approved', by: 'op', reason: 'x' }, at)).thenRejects('application.invalid_transition');
    rejected.when((a, at) => decide(a, { decision: 'rejected', by: 'op', reason: 'x' }, at)).thenIgnores();
  });

  it('when an operator decides their own application, then it is refused', () => {
    application.given(submitted).when((a, at) => decide(a, { decision: 'approved', by: 'prs-1', reason: 'me' }, at)).thenRejects('application.forbidden');
  });
});
