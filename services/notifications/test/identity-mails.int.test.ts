import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailWithSubject, registerPerson, startHarness, until, type Harness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('identity-mails');
});
afterAll(async () => {
  await h?.stop();
});

const newPerson = () => `prs-${randomUUID().slice(0, 8)}`;

/** The one mail to an address (waits for it), read whole through mailpit's API. */
const onlyMailTo = async (address: string) => {
  const found = await until(async () => {
    const list = (await h.mail.messages()).filter((m) => m.To.some((t) => t.Address === address));
    return list.length ? list : undefined;
  });
  return { count: found.length, mail: await h.mail.message(found[0]!.ID) };
};

/** Lets a redelivered event run through (the sender polls every 250 ms), then counts the mails to the address. */
const settledCountTo = async (address: string) => {
  await new Promise((r) => setTimeout(r, 1500));
  return (await h.mail.messages()).filter((m) => m.To.some((t) => t.Address === address)).length;
};

const decided = (personId: string, decision: 'approved' | 'rejected', reason: string) => ({
  applicationId: `app-${randomUUID().slice(0, 8)}`,
  personId,
  at: new Date().toISOString(),
  kind: 'farm' as const,
  decision,
  reason,
  decidedBy: 'prs-operator',
  ...(decision === 'approved'
    ? { farm: { farmId: `farm-${randomUUID().slice(0, 8)}`, name: 'Hof van Noor', region: 'Gelderland' } }
    : {}),
});

describe('mails about the person’s own account (identity’s people topic)', () => {
  it('when a person registers in Dutch, then one welcome mail in Dutch goes to their real address, even when the event is delivered twice', async () => {
    const personId = newPerson();
    const email = `${personId}@example.test`;
    const id = randomUUID();
    const data = { personId, at: new Date().toISOString(), language: 'nl', email, name: 'Noor' };
    await h.probe.send('ftt.identity.person.registered.v1', data, { id });
    const { mail } = await onlyMailTo(email);
    expect(mail.Subject).toBe('Welkom bij FieldToTable');
    expect(mail.Text).toContain('Hallo Noor,');
    expect(mail.Text).toContain('Bevestig je e-mailadres');
    expect(mail.HTML).toContain('lang="nl"');

    await h.probe.send('ftt.identity.person.registered.v1', data, { id });
    expect(await settledCountTo(email)).toBe(1);
    // the address and language are the profile's from now on (the person's later mails go there)
    const profile = await h.db.collection('profiles').findOne({ _id: personId as never });
    expect(profile).toMatchObject({ email, language: 'nl' });
    // by email only: the inbox holds what happened to orders and boxes
    expect(
      await h.db.collection('deliveries').countDocuments({ recipient: personId, channel: 'inapp' }),
    ).toBe(0);
  });

  it('when a person registers in English, then the welcome is in English; an event without an address (older identity) welcomes nobody', async () => {
    const personId = newPerson();
    const email = `${personId}@example.test`;
    await h.probe.send('ftt.identity.person.registered.v1', {
      personId,
      at: new Date().toISOString(),
      language: 'en',
      email,
      name: 'Sam',
    });
    const { mail } = await onlyMailTo(email);
    expect(mail.Subject).toBe('Welcome to FieldToTable');
    expect(mail.Text).toContain('Hello Sam,');

    const older = newPerson();
    await h.probe.send('ftt.identity.person.registered.v1', {
      personId: older,
      at: new Date().toISOString(),
      language: 'en',
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await h.db.collection('deliveries').countDocuments({ recipient: older })).toBe(0);
  });

  it('when a farm application is approved, then the applicant gets one mail in their language naming the farm and the reason, even when the event is delivered twice', async () => {
    const { personId, email } = await registerPerson(h, 'nl');
    await onlyMailTo(email); // the welcome
    const id = randomUUID();
    const approval = decided(personId, 'approved', 'certificaten in orde');
    await h.probe.send('ftt.identity.application.decided.v1', approval, { id });
    const subject = 'Je boerderij Hof van Noor mag verkopen op FieldToTable';
    const mail = await mailWithSubject(h, email, subject);
    expect(mail.Text).toContain('(certificaten in orde)');
    expect(mail.Text).toContain('/farmer');
    await h.probe.send('ftt.identity.application.decided.v1', approval, { id });
    expect(await settledCountTo(email)).toBe(2); // the welcome and the approval, once each
  });

  it('when a partner application is rejected, then the applicant reads the operator’s reason, in English, once', async () => {
    const { personId, email } = await registerPerson(h, 'en');
    await onlyMailTo(email); // the welcome
    const id = randomUUID();
    const rejection = {
      ...decided(personId, 'rejected', 'no cold storage for the region'),
      kind: 'partner' as const,
    };
    await h.probe.send('ftt.identity.application.decided.v1', rejection, { id });
    const subject = 'Your application to deliver for FieldToTable was not approved';
    const mail = await mailWithSubject(h, email, subject);
    expect(mail.Text).toContain('The reason: no cold storage for the region');
    expect(mail.Text).toContain('/apply');
    await h.probe.send('ftt.identity.application.decided.v1', rejection, { id });
    expect(await settledCountTo(email)).toBe(2);
  });
});
