import type { ServiceUnderTest } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, demoOperator, signedUpPerson, startHarness } from './support';

let h: ServiceUnderTest;
beforeAll(async () => {
  h = await startHarness('identity-suspensions', { DEMO_PEOPLE: 'on' });
});
afterAll(() => h?.stop());

const bearerOf = async (b: Browser) => `Bearer ${(await b.call('GET', '/api/auth/token')).body.token as string}`;

describe('operators suspend and reinstate an approved farm or partner', () => {
  it('when an operator suspends an approved partner and reinstates it, then each is audited and announced with the reason; a second suspension is a 409, a buyer is refused, a reason is required', async () => {
    const p = await signedUpPerson(h.svc.url, 'sven');
    const applied = await p.browser.call('POST', '/applications/partner', { name: 'Sven Koeriers', regions: ['Utrecht'] }, {
      authorization: await bearerOf(p.browser),
    });
    const { applicationId, placeId } = applied.body as { applicationId: string; placeId: string };
    const op = await demoOperator(h.svc.url);
    const as = (path: string, body: unknown) => op.browser.call('POST', path, body, { authorization: op.bearer });

    // only an approved one is suspended
    expect((await as(`/admin/applications/${applicationId}/suspend`, { reason: 'too early' })).status).toBe(409);
    expect((await as(`/admin/applications/${applicationId}/approve`, { reason: 'insured' })).status).toBe(200);

    const byBuyer = await p.browser.call('POST', `/admin/applications/${applicationId}/suspend`, { reason: 'my own partner' }, {
      authorization: await bearerOf(p.browser),
    });
    expect(byBuyer.status).toBe(403);
    const noReason = await as(`/admin/applications/${applicationId}/suspend`, {});
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('body.reason');

    const suspended = await as(`/admin/applications/${applicationId}/suspend`, { reason: 'complaints about lateness' });
    expect(suspended).toMatchObject({
      status: 200,
      body: { state: 'approved', suspended: { reason: 'complaints about lateness', by: op.personId } },
    });
    const again = await as(`/admin/applications/${applicationId}/suspend`, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/problem\+json/);

    await expect
      .poll(() => h.probe.of('ftt.identity.place.suspension_changed.v1').find((e) => e.data.applicationId === applicationId), { timeout: 10_000 })
      .toMatchObject({
        subject: `person/${p.personId}`,
        data: { kind: 'partner', placeId, state: 'suspended', reason: 'complaints about lateness', by: op.personId, personId: p.personId },
      });
    await expect
      .poll(() => h.db.collection('admin_audit').findOne({ 'target.id': applicationId, action: 'place.suspend' }), { timeout: 5_000 })
      .toMatchObject({ reason: 'complaints about lateness', actor: { userId: op.personId } });

    const reinstated = await as(`/admin/applications/${applicationId}/reinstate`, { reason: 'talked it through' });
    expect(reinstated).toMatchObject({ status: 200, body: { suspended: null } });
    await expect
      .poll(() => h.probe.of('ftt.identity.place.suspension_changed.v1').filter((e) => e.data.applicationId === applicationId).map((e) => e.data.state), { timeout: 10_000 })
      .toEqual(['suspended', 'reinstated']);
    expect((await as(`/admin/applications/${applicationId}/reinstate`, { reason: 'twice' })).status).toBe(409);
    expect((await as('/admin/applications/no-such-application/suspend', { reason: 'who' })).status).toBe(404);
  });
});
