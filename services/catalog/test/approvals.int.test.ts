import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testFarmId } from '@ftt/kit/testing';
import { eventually, farmBody, listingBody, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => {
  // catalog as deployed: a farm publishes only once identity announced its approval
  h = await startHarness('catalog-approvals', { FARM_APPROVAL: 'required' });
});
afterAll(() => h?.stop());

const decided = (farmId: string, decision: 'approved' | 'rejected') => ({
  applicationId: `app-${farmId}-${decision}`,
  personId: 'user-farmer-anna',
  at: new Date().toISOString(),
  kind: 'farm' as const,
  decision,
  reason: decision === 'approved' ? 'papers checked' : 'no papers',
  decidedBy: 'user-admin-ada',
  ...(decision === 'approved' ? { farm: { farmId, name: 'De Groene Hoeve', region: 'Gelderland' } } : {}),
});

describe('only an approved farm publishes', () => {
  it('when a farm that no operator approved publishes, then 403 problem+json says why; after identity announces the approval it publishes', async () => {
    const farmId = testFarmId('user-farmer-anna');
    expect((await h.call('POST', '/farms', 'anna', farmBody())).status).toBe(201);
    const listing = await h.call('POST', `/farms/${farmId}/listings`, 'anna', listingBody());
    expect(listing.status).toBe(201);

    const refused = await h.call('POST', `/listings/${listing.body.id}/publish`, 'anna');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toMatch(/not approved to sell yet/);
    expect((await h.listingDoc(listing.body.id)).status).toBe('draft');

    // a rejection (of another application) changes nothing
    await h.probe.send('ftt.identity.application.decided.v1', decided(farmId, 'rejected'));
    await h.probe.send('ftt.identity.application.decided.v1', decided(farmId, 'approved'));
    await eventually(() => h.db.collection('farm_approvals').findOne({ _id: farmId as never }));
    expect(await h.db.collection('farm_approvals').findOne({ _id: farmId as never })).toMatchObject({
      applicationId: `app-${farmId}-approved`,
      region: 'Gelderland',
    });
    // redelivered: still one record, unchanged
    await h.probe.send('ftt.identity.application.decided.v1', decided(farmId, 'approved'));

    const published = await h.call('POST', `/listings/${listing.body.id}/publish`, 'anna');
    expect(published).toMatchObject({ status: 200, body: { status: 'published' } });
    await eventually(() =>
      h.probe.events.find((e) => e.type === 'ftt.catalog.listing.published.v1' && (e.data as { listingId: string }).listingId === listing.body.id),
    );
    expect(await h.db.collection('farm_approvals').countDocuments({ _id: farmId as never })).toBe(1);
  });

  it("when someone who is no owner publishes on an unapproved farm, then the refusal is about who they are, not the approval", async () => {
    const joost = testFarmId('user-farmer-joost');
    expect((await h.call('POST', '/farms', 'joost', farmBody({ name: 'Joost' }))).status).toBe(201);
    const listing = await h.call('POST', `/farms/${joost}/listings`, 'joost', listingBody());
    const byBuyer = await h.call('POST', `/listings/${listing.body.id}/publish`, 'ben');
    expect(byBuyer.status).toBe(403);
    expect(byBuyer.body.detail).not.toMatch(/approved/);
  });
});
