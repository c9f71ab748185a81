import { testFarmId } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { farmBody, listingBody, startHarness, type Harness, type User } from './support';

/**
 * Ownership by membership (issue #28): a person acts on a farm as a member of it, with a role the permission table
 * (packages/kit/src/access.ts) allows. An owner does all of the farm's; a packer sees it and packs, and changes no
 * listing, price, stock or payout account; a member of another farm nothing.
 */
let h: Harness;
const annaFarm = testFarmId('user-farmer-anna');
let listingId: string;
let draftId: string;

/** A person opens a farm (POST /farms) with these of its fields. */
const openFarm = (who: User, fields?: Parameters<typeof farmBody>[0]) => h.call('POST', '/farms', who, farmBody(fields));

beforeAll(async () => {
  h = await startHarness('catalog-members');
  const farm = await openFarm('anna');
  expect(farm.status).toBe(201);
  const live = await h.call('POST', `/farms/${annaFarm}/listings`, 'anna', listingBody());
  listingId = live.body.id;
  expect((await h.call('POST', `/listings/${listingId}/publish`, 'anna')).status).toBe(200);
  draftId = (await h.call('POST', `/farms/${annaFarm}/listings`, 'anna', listingBody({ title: 'Kale' }))).body
    .id;
  expect(
    (await openFarm('joost', { name: 'Hof van Joost', region: 'Utrecht' })).status,
  ).toBe(201);
});
afterAll(async () => {
  await h?.stop();
});

describe('farms are opened under the membership identity granted', () => {
  it("when an owner opens a farm, then it gets the membership's farm id; an owner of two farms says which", async () => {
    expect((await h.call('GET', `/farms/${annaFarm}`)).status).toBe(200);
    const unsaid = await openFarm('mira', { name: 'Mira Noord' });
    expect(unsaid.status).toBe(400);
    expect(unsaid.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.farmId']);
    const north = await openFarm('mira', { name: 'Mira Noord', farmId: 'farm-mira-north' });
    expect(north.status).toBe(201);
    expect(north.body.id).toBe('farm-mira-north');
    // the other one is the only one left to open
    const south = await openFarm('mira', { name: 'Mira Zuid' });
    expect(south.body.id).toBe('farm-mira-south');
    expect((await h.call('GET', '/farms/mine?farmId=farm-mira-south', 'mira')).body.farm.name).toBe(
      'Mira Zuid',
    );
  });

  it('when someone opens a farm they do not own (a packer, a buyer, another owner naming it), then 403 and nothing is opened', async () => {
    expect((await openFarm('piet', { name: 'Piet' })).body.code).toBe(
      'farm.forbidden',
    );
    expect((await openFarm('ben', { name: 'Ben' })).body.code).toBe(
      'auth.forbidden',
    );
    const named = await openFarm('joost', { name: 'Stolen', farmId: 'farm-mira-other' });
    expect(named.status).toBe(403);
    expect(await h.db.collection('farms').countDocuments({ name: { $in: ['Piet', 'Ben', 'Stolen'] } })).toBe(
      0,
    );
  });
});

describe('a packer: sees the farm and packs, changes no listing, price, stock or payout', () => {
  it('when the packer opens "my farm", then they see the farm with its drafts and stock history', async () => {
    const mine = await h.call('GET', '/farms/mine', 'piet');
    expect(mine.status).toBe(200);
    expect(mine.body.farm.id).toBe(annaFarm);
    expect(mine.body.listings.map((l: { id: string }) => l.id)).toEqual(
      expect.arrayContaining([listingId, draftId]),
    );
    expect((await h.call('GET', `/listings/${listingId}/stock-adjustments`, 'piet')).status).toBe(200);
  });

  it('when the packer changes a price, a listing, the stock, a photo or the farm, then 403 each and nothing changes', async () => {
    const before = await h.listingDoc(listingId);
    const tries: [string, string, unknown][] = [
      ['PATCH', `/listings/${listingId}`, { unitPrice: { amount: 1, currency: 'EUR' } }],
      ['POST', `/listings/${listingId}/pause`, undefined],
      ['POST', `/listings/${listingId}/archive`, undefined],
      ['POST', `/listings/${draftId}/publish`, undefined],
      [
        'POST',
        `/listings/${listingId}/stock-adjustments`,
        { kind: 'write_off', quantity: 1, reason: 'packer' },
      ],
      ['POST', `/farms/${annaFarm}/listings`, listingBody({ title: 'Packer listing' })],
      ['PATCH', `/farms/${annaFarm}`, { name: 'Renamed by the packer' }],
    ];
    for (const [method, path, body] of tries) {
      const r = await h.call(method, path, 'piet', body);
      expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBe(403);
      expect(r.body.code, `${method} ${path}`).toMatch(/^(listing|farm)\.forbidden$/);
      expect(r.body.detail, `${method} ${path}`).toMatch(/a packer of this farm may not do this/);
    }
    const photo = await fetch(`${h.url}/listings/${listingId}/photos`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${await h.bearer('piet')}` },
      body: Buffer.from('not really a png'),
    });
    expect(photo.status).toBe(403);
    const after = await h.listingDoc(listingId);
    expect(after.version).toBe(before.version);
    expect(after.unitPrice).toEqual(before.unitPrice);
    expect(after.stock).toEqual(before.stock);
    expect((await h.db.collection('farms').findOne({ _id: annaFarm as never }))?.name).not.toBe('Renamed by the packer');
    expect(await h.db.collection('listings').countDocuments({ title: 'Packer listing' })).toBe(0);
  });

  it('when a second owner of the farm changes a price, then it is theirs to change', async () => {
    const r = await h.call('PATCH', `/listings/${listingId}`, 'kees', {
      unitPrice: { amount: 295, currency: 'EUR' },
    });
    expect(r.status).toBe(200);
    expect(r.body.unitPrice.amount).toBe(295);
  });
});

describe('another farm', () => {
  it("when the owner of another farm acts on Anna's farm or its listings, then 403 as not a member, and their own farm is not Anna's", async () => {
    for (const [method, path, body] of [
      ['PATCH', `/listings/${listingId}`, { title: 'Joost was here' }],
      ['POST', `/farms/${annaFarm}/listings`, listingBody({ title: 'Joost listing' })],
      ['GET', `/listings/${listingId}/stock-adjustments`, undefined],
      ['GET', `/farms/mine?farmId=${annaFarm}`, undefined],
    ] as const) {
      const r = await h.call(method, path, 'joost', body);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.detail, `${method} ${path}`).toMatch(/not a member of this farm/);
    }
    expect((await h.call('GET', '/farms/mine', 'joost')).body.farm.id).toBe(testFarmId('user-farmer-joost'));
  });
});
