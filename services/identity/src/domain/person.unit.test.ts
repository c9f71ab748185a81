import { describe, expect, it } from 'vitest';
import { effectiveMemberships, needsSecondFactor, type Membership } from './person';

const operator: Membership[] = [{ kind: 'buyer' }, { kind: 'operator' }];
const packer: Membership[] = [{ kind: 'buyer' }, { kind: 'farm', farmId: 'farm-1', role: 'packer' }];

describe('what a person may do now', () => {
  it('when an operator has no second factor, then the operator membership is left out and a second factor is asked for', () => {
    expect(effectiveMemberships(operator, { secondFactor: false })).toEqual([{ kind: 'buyer' }]);
    expect(needsSecondFactor(operator, { secondFactor: false })).toBe(true);
  });

  it('when an operator has a second factor, then every membership counts', () => {
    expect(effectiveMemberships(operator, { secondFactor: true })).toEqual(operator);
    expect(needsSecondFactor(operator, { secondFactor: true })).toBe(false);
  });

  it('when a person is not an operator, then no second factor is needed', () => {
    expect(effectiveMemberships(packer, { secondFactor: false })).toEqual(packer);
    expect(needsSecondFactor(packer, { secondFactor: false })).toBe(false);
  });
});
