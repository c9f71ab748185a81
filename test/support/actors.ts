import { randomUUID } from 'node:crypto';
import { eventually, token, type TestPrincipal, type testEnv } from '@ftt/kit/testing';
import Stripe from 'stripe';

type Env = ReturnType<typeof testEnv>;
export interface Reply<T = unknown> {
  status: number;
  body: T;
}

/** A signed-in person talking to one service over HTTP (a role shorthand; `member` for explicit memberships). */
export const actor = (
  t: Env,
  userId: string,
  role: 'farmer' | 'buyer' | 'logistics' | 'admin',
  region?: string,
) => member(t, { userId, role, ...(region ? { region } : {}) });

/** A signed-in person with the memberships identity would sign for them. */
export const member = async (t: Env, who: TestPrincipal) => {
  const userId = who.userId;
  const bearer = await token(t, who);
  const call = async <T = Record<string, unknown>>(
    base: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> => {
    const res = await fetch(base + path, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return { userId, principal: who, bearer, call };
};

export const farmBody = (
  name: string,
  region: string,
  city: string,
  lat: number,
  lng: number,
) => ({
  name,
  description: `${name}, family farm`,
  address: { line1: 'Dorpsstraat 1', city, postalCode: '1234 AB', country: 'NL', geo: { lat, lng } },
  region,
  certifications: [{ type: 'organic', certifier: 'SKAL', validUntil: '2027-12-31' }],
  // no payoutAccountId: it comes from POST /farms/:id/payout-onboarding only (issue #28)
});

export const listingBody = (title: string, lotCode: string, available: number, price: number) => ({
  category: 'vegetables',
  title,
  description: `${title} from the field`,
  unit: 'kg',
  unitPrice: { amount: price, currency: 'EUR' },
  photos: ['/photos/tomatoes.svg'],
  lot: {
    lotCode,
    field: 'North field',
    harvestDate: new Date().toISOString().slice(0, 10),
    quantity: available,
  },
  coldChain: { minC: 2, maxC: 12 },
  available,
});

export const buyerAddress = {
  deliveryAddress: { line1: 'Keizersgracht 120', city: 'Amsterdam', postalCode: '1015 CW', country: 'NL' },
  contact: { name: 'Ben Jansen', phone: '+31 6 1234 5678' },
};

/** A webhook exactly as Stripe sends it: the raw JSON body signed with the endpoint secret. */
export const stripeWebhook = async (
  ordersUrl: string,
  secret: string,
  type: string,
  object: Record<string, unknown>,
) => {
  const payload = JSON.stringify({
    id: `evt_${randomUUID().replace(/-/g, '')}`,
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(Date.now() / 1000),
    type,
    livemode: false,
    data: { object },
  });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  return fetch(`${ordersUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
};

export { eventually };
