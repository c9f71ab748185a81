import { verifyToken, type AuthSettings } from '@ftt/kit';
import type { ServiceUnderTest } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@ftt/kit/testing';
import {
  Browser,
  demoOperator,
  mailedToken,
  mailsTo,
  MAILPIT_API,
  signedUpPerson,
  startHarness,
} from './support';

let h: ServiceUnderTest;
let kit: AuthSettings;
beforeAll(async () => {
  h = await startHarness('identity-onboarding', { DEMO_PEOPLE: 'on' });
  kit = { ...h.t.auth, jwks: { url: `${h.svc.url}/.well-known/jwks.json`, cooldownMs: 0, maxAgeMs: 60_000 } };
});
afterAll(() => h?.stop());

type Person = Awaited<ReturnType<typeof signedUpPerson>>;
const bearerOf = async (p: Person) => {
  const r = await p.browser.call('GET', '/api/auth/token');
  expect(r.status).toBe(200);
  return `Bearer ${r.body.token as string}`;
};
const farmApplication = {
  name: 'Hof <b>van</b> Ede',
  region: 'Gelderland',
  description: 'Vegetables and eggs',
  certifications: [{ name: 'EU organic (SKAL)', documentRef: 'https://docs.example.test/skal-123.pdf' }],
};

describe('applications to sell and to deliver', () => {
  it('when a person applies to sell and an operator approves, then the decision is audited and announced, and the next token owns the farm', async () => {
    const p = await signedUpPerson(h.svc.url, 'fenna');
    const applied = await p.browser.call('POST', '/applications/farm', farmApplication, {
      authorization: await bearerOf(p),
    });
    expect(applied).toMatchObject({ status: 201, body: { kind: 'farm', state: 'submitted', personId: p.personId } });
    const { applicationId, placeId: farmId } = applied.body as { applicationId: string; placeId: string };

    const op = await demoOperator(h.svc.url);
    const listed = await op.browser.call('GET', '/admin/applications?state=submitted&limit=100', undefined, {
      authorization: op.bearer,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((a: { applicationId: string }) => a.applicationId)).toContain(applicationId);

    // a buyer is not an operator
    const byBuyer = await p.browser.call('POST', `/admin/applications/${applicationId}/approve`, { reason: 'my own farm' }, {
      authorization: await bearerOf(p),
    });
    expect(byBuyer.status).toBe(403);
    // without a reason: 400 naming it
    const noReason = await op.browser.call('POST', `/admin/applications/${applicationId}/approve`, {}, {
      authorization: op.bearer,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(noReason.body)).toContain('body.reason');

    const approved = await op.browser.call('POST', `/admin/applications/${applicationId}/approve`, { reason: 'papers checked' }, {
      authorization: op.bearer,
    });
    expect(approved).toMatchObject({ status: 200, body: { state: 'approved', decision: { reason: 'papers checked', by: op.personId } } });

    // stored, audited in the trail, announced
    const stored = await h.db.collection('applications').findOne({ _id: applicationId as never });
    expect(stored).toMatchObject({ state: 'approved', placeId: farmId });
    await expect
      .poll(() => h.db.collection('admin_audit').findOne({ 'target.id': applicationId }), { timeout: 5_000 })
      .toMatchObject({ action: 'application.approve', reason: 'papers checked', actor: { userId: op.personId } });
    await expect
      .poll(() => h.probe.of('ftt.identity.application.decided.v1').find((e) => e.data.applicationId === applicationId), {
        timeout: 10_000,
      })
      .toMatchObject({ data: { decision: 'approved', farm: { farmId, name: farmApplication.name, region: 'Gelderland' } } });
    await expect
      .poll(() => h.probe.of('ftt.identity.membership.granted.v1').find((e) => e.data.personId === p.personId), {
        timeout: 10_000,
      })
      .toMatchObject({ data: { membership: { kind: 'farm', farmId, role: 'owner' }, grantedBy: op.personId } });

    const principal = await verifyToken((await bearerOf(p)).slice(7), kit);
    expect(principal.memberships).toContainEqual({ kind: 'farm', farmId, role: 'owner' });

    // decided is decided: a rejection now is a 409; approving again changes nothing
    const late = await op.browser.call('POST', `/admin/applications/${applicationId}/reject`, { reason: 'changed my mind' }, {
      authorization: op.bearer,
    });
    expect(late.status).toBe(409);
    const mine = await p.browser.call('GET', '/applications/mine', undefined, { authorization: await bearerOf(p) });
    expect(mine.body.items[0]).toMatchObject({ applicationId, state: 'approved' });
  });

  it('when a partner applies and is rejected, then the reason is theirs to read and no membership is granted', async () => {
    const p = await signedUpPerson(h.svc.url, 'gijs');
    const applied = await p.browser.call('POST', '/applications/partner', { name: 'Snel Bezorgd', regions: ['Utrecht'] }, {
      authorization: await bearerOf(p),
    });
    expect(applied.status).toBe(201);
    const op = await demoOperator(h.svc.url);
    const rejected = await op.browser.call('POST', `/admin/applications/${applied.body.applicationId}/reject`, { reason: 'no insurance papers' }, {
      authorization: op.bearer,
    });
    expect(rejected).toMatchObject({ status: 200, body: { state: 'rejected' } });
    const mine = await p.browser.call('GET', '/applications/mine', undefined, { authorization: await bearerOf(p) });
    expect(mine.body.items[0]).toMatchObject({ state: 'rejected', decision: { reason: 'no insurance papers' } });
    const principal = await verifyToken((await bearerOf(p)).slice(7), kit);
    expect(principal.memberships).toEqual([{ kind: 'buyer' }]);
    await expect
      .poll(() => h.probe.of('ftt.identity.application.decided.v1').find((e) => e.data.applicationId === applied.body.applicationId), {
        timeout: 10_000,
      })
      .toMatchObject({ data: { decision: 'rejected', kind: 'partner' } });
  });

  it('when an approval was announced but the process died before granting, then identity grants it from its own event, once', async () => {
    const p = await signedUpPerson(h.svc.url, 'kees');
    const farmId = `farm-${Date.now()}`;
    const decided = {
      applicationId: `app-${farmId}`,
      personId: p.personId,
      at: new Date().toISOString(),
      kind: 'farm' as const,
      decision: 'approved' as const,
      reason: 'papers checked',
      decidedBy: 'user-admin-ada',
      farm: { farmId, name: 'Kees Hoeve', region: 'Utrecht' },
    };
    await h.probe.send('ftt.identity.application.decided.v1', decided);
    await h.probe.send('ftt.identity.application.decided.v1', decided); // redelivered
    await expect
      .poll(async () => (await verifyToken((await bearerOf(p)).slice(7), kit)).memberships, { timeout: 15_000 })
      .toContainEqual({ kind: 'farm', farmId, role: 'owner' });
    await new Promise((r) => setTimeout(r, 1000));
    const grants = h.probe.of('ftt.identity.membership.granted.v1').filter((e) => e.data.personId === p.personId);
    expect(grants).toHaveLength(1);
  });

  it('when an application misses a field or names no region, or asks for what does not exist, then 4xx problem+json names the field', async () => {
    const p = await signedUpPerson(h.svc.url, 'hans');
    const auth = { authorization: await bearerOf(p) };
    const noName = await p.browser.call('POST', '/applications/farm', { ...farmApplication, name: '' }, auth);
    expect(noName.status).toBe(400);
    expect(JSON.stringify(noName.body)).toContain('body.name');
    const noRegions = await p.browser.call('POST', '/applications/partner', { name: 'X', regions: [] }, auth);
    expect(noRegions.status).toBe(400);
    expect(JSON.stringify(noRegions.body)).toContain('body.regions');
    const anonymous = await p.browser.call('POST', '/applications/farm', farmApplication);
    expect(anonymous.status).toBe(401);
    // unknown things are 404s, a forged cursor a 400 naming it: never a 500
    const op = await demoOperator(h.svc.url);
    const unknown = await op.browser.call('POST', '/admin/applications/no-such-application/approve', { reason: 'looks fine' }, {
      authorization: op.bearer,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);
    const noInvite = await p.browser.call('POST', '/invites/no-such-invite/accept', undefined, auth);
    expect(noInvite.status).toBe(404);
    const cursor = await op.browser.call('GET', '/admin/applications?cursor=not-a-cursor', undefined, { authorization: op.bearer });
    expect(cursor.status).toBe(400);
    expect(JSON.stringify(cursor.body)).toContain('query.cursor');
    const badState = await op.browser.call('GET', '/admin/applications?state=maybe', undefined, { authorization: op.bearer });
    expect(badState.status).toBe(400);
    expect(JSON.stringify(badState.body)).toContain('query.state');
  });
});

const inviteIdIn = async (email: string) => {
  const mail = await eventually(async () => (await mailsTo(email))[0], 15_000, 100);
  const text = ((await (await fetch(`${MAILPIT_API}/message/${mail!.ID}`)).json()) as { Text: string }).Text;
  return { subject: mail!.Subject, id: /\/invites\/([0-9a-f-]{36})/.exec(text)?.[1] };
};

describe('invitations', () => {
  it('when a farm owner invites a packer, then the mail goes out and the invited address accepts after sign-up: the next token is a packer of that farm', async () => {
    const owner = await signedUpPerson(h.svc.url, 'ilse');
    const op = await demoOperator(h.svc.url);
    const applied = await owner.browser.call('POST', '/applications/farm', { ...farmApplication, name: 'Ilse Hoeve' }, {
      authorization: await bearerOf(owner),
    });
    await op.browser.call('POST', `/admin/applications/${applied.body.applicationId}/approve`, { reason: 'papers ok' }, { authorization: op.bearer });
    const farmId = applied.body.placeId as string;

    const packerEmail = `packer-${Date.now()}@people.fieldtotable.test`;
    const sent = await owner.browser.call('POST', `/farms/${farmId}/invites`, { email: packerEmail }, {
      authorization: await bearerOf(owner),
    });
    expect(sent).toMatchObject({ status: 201, body: { email: packerEmail, state: 'pending' } });
    const mail = await inviteIdIn(packerEmail);
    expect(mail.subject).toBe('Invitation: packer at Ilse Hoeve on FieldToTable');
    expect(mail.id).toBe(sent.body.inviteId);

    // someone else cannot take it
    const other = await signedUpPerson(h.svc.url, 'eve');
    const stolen = await other.browser.call('POST', `/invites/${mail.id}/accept`, undefined, { authorization: await bearerOf(other) });
    expect(stolen.status).toBe(403);

    // a packer of another farm cannot invite to this one; a buyer neither
    const notOwner = await other.browser.call('POST', `/farms/${farmId}/invites`, { email: 'x@people.fieldtotable.test' }, {
      authorization: await bearerOf(other),
    });
    expect(notOwner.status).toBe(403);

    // the invited person signs up with that address (the helper makes a new one; sign up with the invited one)
    const invited = await signedUpPersonWith(packerEmail);
    const accepted = await invited.browser.call('POST', `/invites/${mail.id}/accept`, undefined, {
      authorization: await bearerOf(invited),
    });
    expect(accepted).toMatchObject({ status: 200 });
    expect(accepted.body.memberships).toContainEqual({ kind: 'farm', farmId, role: 'packer' });
    const principal = await verifyToken((await bearerOf(invited)).slice(7), kit);
    expect(principal.memberships).toContainEqual({ kind: 'farm', farmId, role: 'packer' });
    expect(await h.db.collection('invites').findOne({ _id: mail.id as never })).toMatchObject({ state: 'accepted' });
  });

  it('when a partner manager invites a driver, then the driver serves the partner regions once accepted; a bad email is a 400 naming it', async () => {
    const manager = await signedUpPerson(h.svc.url, 'joris');
    const op = await demoOperator(h.svc.url);
    const applied = await manager.browser.call('POST', '/applications/partner', { name: 'Joris Koeriers', regions: ['Utrecht', 'Gelderland'] }, {
      authorization: await bearerOf(manager),
    });
    await op.browser.call('POST', `/admin/applications/${applied.body.applicationId}/approve`, { reason: 'papers ok' }, { authorization: op.bearer });
    const partnerId = applied.body.placeId as string;
    const auth = { authorization: await bearerOf(manager) };

    const bad = await manager.browser.call('POST', `/partners/${partnerId}/invites`, { email: 'not-an-email' }, auth);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('body.email');
    const outside = await manager.browser.call('POST', `/partners/${partnerId}/invites`, { email: 'a@people.fieldtotable.test', regions: ['Zeeland'] }, auth);
    expect(outside.status).toBe(400);
    expect(JSON.stringify(outside.body)).toContain('body.regions');

    const driverEmail = `driver-${Date.now()}@people.fieldtotable.test`;
    const sent = await manager.browser.call('POST', `/partners/${partnerId}/invites`, { email: driverEmail, regions: ['Utrecht'], language: 'nl' }, auth);
    expect(sent.status).toBe(201);
    const mail = await inviteIdIn(driverEmail);
    expect(mail.subject).toBe('Uitnodiging: bezorger bij Joris Koeriers op FieldToTable');
    const driver = await signedUpPersonWith(driverEmail);
    const accepted = await driver.browser.call('POST', `/invites/${mail.id}/accept`, undefined, { authorization: await bearerOf(driver) });
    expect(accepted.body.memberships).toContainEqual({ kind: 'partner', partnerId, role: 'driver', regions: ['Utrecht'] });
  });
});

/** signedUpPerson with a chosen address (the invited one). */
const signedUpPersonWith = async (email: string) => {
  const browser = new Browser(h.svc.url);
  const password = `pw-${Date.now()}-secret`;
  const up = await browser.call('POST', '/api/auth/sign-up/email', { name: 'invited', email, password, language: 'en' });
  expect(up.status).toBe(202);
  const { token } = await mailedToken(email, /Confirm your email/);
  expect((await browser.call('GET', `/api/auth/verify-email?token=${token}`)).status).toBe(200);
  const signIn = await browser.call('POST', '/api/auth/sign-in/email', { email, password });
  expect(signIn.status).toBe(200);
  return { browser, email, password, personId: signIn.body.personId as string };
};
