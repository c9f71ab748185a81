import { describe, expect, it } from 'vitest';
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

describe('suspending a farm', () => {
  it('when an active farm is suspended, then it is a new version that its listings see as suspended', () => {
    const out = suspendFarm(farm, { by: 'user-admin-ada', reason: 'food safety check' }, now);
    expect(out.kind).toBe('change');
    if (out.kind !== 'change') return;
    expect(out.state.version).toBe(4);
    expect(out.state.suspended).toEqual({ at: now.toISOString(), by: 'user-admin-ada', reason: 'food safety check' });
    expect(farmSummary(out.state).suspended).toBe(true);
  });

  it('when a suspended farm is suspended again, then it is refused as a conflict', () => {
    const out = suspendFarm({ ...farm, suspended: { at: 'x', by: 'y', reason: 'z' } }, { by: 'a', reason: 'b' }, now);
    expect(out).toMatchObject({ kind: 'reject', code: 'farm.conflict' });
  });

  it('when a suspended farm is reinstated, then the flag is cleared; an active one cannot be reinstated', () => {
    const out = reinstateFarm({ ...farm, suspended: { at: 'x', by: 'y', reason: 'z' } }, now);
    expect(out.kind === 'change' && out.state.suspended).toBeNull();
    expect(out.kind === 'change' && farmSummary(out.state).suspended).toBe(false);
    expect(reinstateFarm(farm, now)).toMatchObject({ kind: 'reject', code: 'farm.conflict' });
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
