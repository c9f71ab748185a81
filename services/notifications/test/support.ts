import { randomUUID } from 'node:crypto';
import { Topics, type EventData } from '@ftt/contracts';
import type { TestPrincipal } from '@ftt/kit/testing';
import { eventually, startServiceUnderTest, testEnv, type ServiceUnderTest } from '@ftt/kit/testing';
import { Mailpit } from '../../../test/support/mailpit';
import { startNotifications } from '../src/service';

export const users = {
  anna: { userId: 'user-farmer-anna', role: 'farmer' },
  ben: { userId: 'user-buyer-ben', role: 'buyer' },
  carla: { userId: 'user-buyer-carla', role: 'buyer' },
  pia: { userId: 'user-partner-pia', role: 'logistics', region: 'Gelderland' },
  omar: { userId: 'user-partner-omar', role: 'logistics', region: 'Utrecht' },
  ada: { userId: 'user-admin-ada', role: 'admin' },
} satisfies Record<string, TestPrincipal>;

export const DOMAIN = 'users.fieldtotable.test';
export const mailOf = (p: TestPrincipal) => `${p.userId}@${DOMAIN}`;

export interface Harness extends ServiceUnderTest {
  mail: Mailpit;
}

/** Starts notifications in-process on port 0 against the real servers and a mailpit of its own, with short windows. */
export const startHarness = async (label: string, extra: Record<string, string> = {}): Promise<Harness> => {
  const t = testEnv(label);
  const mail = await new Mailpit(t.run).start();
  const env = t.serviceEnv({
    ...mail.smtpEnv,
    EMAIL_DOMAIN: DOMAIN,
    DIGEST_WINDOW_MS: '1500',
    TRACKING_WAIT_MS: '4000',
    SEND_INTERVAL_MS: '250',
    SWEEP_INTERVAL_MS: '250',
    SEND_RETRY_BASE_MS: '250',
    SEND_RETRY_MAX_MS: '1000',
    ...extra,
  });
  const h = await startServiceUnderTest(t, [Topics.orders, Topics.listings, Topics.shipments], () =>
    startNotifications(env),
  );
  return {
    ...h,
    mail,
    stop: async () => {
      await h.stop();
      await mail.dispose();
    },
  };
};

/** `eventually` for checks that return the value they waited for (undefined = not yet). */
export const until = async <T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> => (await eventually(check, timeoutMs, 100)) as T;

const address = { line1: 'Hofweg 3', city: 'Wageningen', postalCode: '6701 AA', country: 'NL' };

export const listing = (
  farmId: string,
  farmerId: string,
  region = 'Gelderland',
): EventData<'ftt.catalog.listing.published.v1'> => ({
  listingId: `lst-${randomUUID()}`,
  farmId,
  farmName: 'De Hof',
  farmerId,
  region,
  pickupAddress: address,
  title: 'Truss tomatoes',
  category: 'vegetables',
  unit: 'kg',
  unitPrice: { amount: 350, currency: 'EUR' },
  status: 'published',
  lot: {
    lotCode: `LOT-${randomUUID().slice(0, 8)}`,
    farmId,
    field: 'North',
    harvestDate: '2026-03-01',
    quantity: 100,
    unit: 'kg',
  },
  coldChain: { minC: 2, maxC: 12 },
  version: 1,
});

export const confirmed = (
  orderId: string,
  buyerId: string,
  farmId: string,
  region = 'Gelderland',
): EventData<'ftt.orders.order.confirmed.v1'> => ({
  orderId,
  buyerId,
  confirmedAt: new Date().toISOString(),
  dropoff: { address: { ...address, city: 'Amsterdam' }, contactName: 'Ben Jansen' },
  shipments: [
    {
      farmId,
      farmName: 'De Hof',
      region,
      pickupAddress: address,
      coldChain: { minC: 2, maxC: 12 },
      lines: [{ listingId: 'l1', title: 'Truss tomatoes', quantity: 3, unit: 'kg', lotCode: 'LOT-1' }],
    },
  ],
});

/** A person identity registered with their own address and language (the event notifications takes both from). */
export const registerPerson = async (h: Harness, language: string, name?: string) => {
  const personId = `prs-${randomUUID().slice(0, 8)}`;
  const email = `${personId}@example.test`;
  await h.probe.send('ftt.identity.person.registered.v1', {
    personId,
    at: new Date().toISOString(),
    language,
    email,
    ...(name ? { name } : {}),
  });
  return { personId, email };
};

/** The mail with this subject to this address (waits for it), read whole through mailpit's API. */
export const mailWithSubject = (h: Harness, email: string, subject: string) =>
  until(async () => {
    const m = (await h.mail.messages()).find((x) => x.Subject === subject && x.To[0]?.Address === email);
    return m ? h.mail.message(m.ID) : undefined;
  });
