import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import { farmAggregate } from '../use-cases/aggregates';
import { farmSummary, type Farm } from './farm';
import { reinstateFarm, suspendFarm } from './farm-admin';
import { toSnapshot, type Listing } from './listing';

const now = new Date('2026-05-01T10:00:00Z');
const farm: Farm = {
  id: 'farm-1',
  farmerId: 'user-farmer-anna',
  name: 'De Hoeve',
  description: 'veg',
  address: { line1: 'Dorpsstraat 1', city: 'Utrecht', postalCode: '3511AA', country: 'NL' },
  region: 'utrecht',
  certifications: [],
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  version: 3,
};

/** Given a farm as stored, when an operator's decision, then what the handler writes (the store sets the version). */
const farms = decider<Farm>(farmAggregate, { now });

describe('suspending a farm', () => {
  it('when an active farm is suspended, then it is a new version that its listings see as suspended', () => {
    const { state } = farms
      .given(farm)
      .when(suspendFarm, { by: 'user-admin-ada', reason: 'food safety check' })
      .then({ state: { version: 4, suspended: { at: now.toISOString(), by: 'user-admin-ada', reason: 'food safety check' } }, events: [] });
    expect(farmSummary(state).suspended).toBe(true);
  });

  it('when a suspended farm is suspended again, then it is refused as a conflict', () => {
    farms
      .given({ ...farm, suspended: { at: 'x', by: 'y', reason: 'z' } })
      .when(suspendFarm, { by: 'a', reason: 'b' })
      .thenRejects('farm.conflict');
  });

  it('when a suspended farm is reinstated, then the flag is cleared; an active one cannot be reinstated', () => {
    const { state } = farms.given({ ...farm, suspended: { at: 'x', by: 'y', reason: 'z' } }).when(reinstateFarm).then({ state: { suspended: null } });
    expect(farmSummary(state).suspended).toBe(false);
    farms.given(farm).when(reinstateFarm).thenRejects('farm.conflict');
  });

  it("when a published listing's farm is suspended, then the other services are told it is paused", () => {
    const listing = {
      id: 'l1', farmId: farm.id, farmerId: farm.farmerId, status: 'published', category: 'vegetables', title: 'Carrots',
      description: '', unit: 'kg', unitPrice: { amount: 250, currency: 'EUR' }, photos: [],
      lot: { lotCode: 'LOT-1', field: 'north', harvestDate: '2026-04-30', quantity: 10 }, coldChain: { minC: 2, maxC: 8 },
      farm: { ...farmSummary(farm), suspended: true }, createdAt: '', updatedAt: '', publishedAt: '', archivedAt: null, version: 1,
    } as unknown as Listing;
    expect(toSnapshot(listing).status).toBe('paused');
    expect(toSnapshot({ ...listing, farm: farmSummary(farm) }).status).toBe('published');
  });
});
