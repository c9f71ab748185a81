import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import { farmAggregate } from '../use-cases/aggregates';
import { farmSummary, isCertified, type Farm } from './farm';
import { editFarm, newFarm, openFarm } from './farm-decide';

const now = new Date('2026-06-10T08:00:00Z');
const later = new Date('2026-06-10T09:00:00Z');
const input = {
  name: 'De Groene Hoeve',
  description: '',
  address: { line1: 'Bosweg 12', city: 'Ede', postalCode: '6711 AB', country: 'NL', geo: { lat: 52, lng: 5.6 } },
  region: 'Gelderland' as const,
  certifications: [{ type: 'organic' as const, certifier: 'SKAL', validUntil: '2027-01-01' }],
  payoutAccountId: 'acct_1Anna',
};
/** As its first write stores it. */
const farm: Farm = { ...newFarm('farm-1', 'user-farmer-anna', input, now), version: 1 };
/** Given a farm as stored, when a decider, then what the handler writes (the store sets the version). */
const farms = decider<Farm>(farmAggregate, { now });

describe('farms', () => {
  it('when a farmer without a farm opens one, then it is created; when the farmer has one, then it is a conflict', () => {
    const command = { id: 'farm-2', farmerId: 'user-farmer-anna', input };
    const opened = farms.given(null).when(openFarm, command).then({ events: [] });
    expect(opened.state).toEqual({ ...farm, id: 'farm-2' });
    farms.given(farm).when(openFarm, command).thenRejects('farm.conflict', 'you already have a farm; edit it instead');
  });

  it('when a farm is edited, then only the given fields change and the version rises', () => {
    const { state } = farms.given(farm).when(editFarm, { name: 'Hoeve Anna', description: undefined }, later).then({ events: [] });
    expect(state).toEqual({ ...farm, name: 'Hoeve Anna', updatedAt: later.toISOString(), version: 2 });
  });
});

describe('farm summary', () => {
  it('when a farm has several certificates, then certifiedUntil is the latest expiry and types are unique', () => {
    const s = farmSummary({
      ...farm,
      certifications: [
        { type: 'organic', certifier: 'SKAL', validUntil: '2026-01-01' },
        { type: 'organic', certifier: 'SKAL', validUntil: '2027-03-01' },
        { type: 'fairtrade', certifier: 'FLO', validUntil: '2026-09-01' },
      ],
    });
    expect(s.certifiedUntil).toBe('2027-03-01');
    expect(s.certifications).toEqual(['organic', 'fairtrade']);
    expect(farmSummary({ ...farm, certifications: [] }).certifiedUntil).toBeNull();
    expect(isCertified(s, '2027-03-01')).toBe(true);
    expect(isCertified(s, '2027-03-02')).toBe(false);
  });
});
