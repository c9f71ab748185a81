/**
 * Seeds demo farms and published listings THROUGH the catalog's HTTP API (so every event a real
 * farmer would cause is emitted), each farmer signed in through identity with the demo password (identity started
 * with DEMO_PEOPLE=on, as scripts/dev.sh does). Usage:
 *   CATALOG_URL=http://127.0.0.1:3001 IDENTITY_URL=http://127.0.0.1:3006 pnpm --filter @ftt/catalog seed
 * Idempotent-ish: a farmer whose farm is open already is skipped.
 */
import { DEMO_PASSWORD, demoUsers } from '@ftt/kit/demo-users';
import { signInThroughIdentity } from '@ftt/kit/identity-client';
import { z } from 'zod';
import { seedFarms, type SeedFarm, type SeedProduce } from './seed-data';

const env = z
  .object({
    CATALOG_URL: z.url().default('http://127.0.0.1:3001'),
    IDENTITY_URL: z.url().default('http://127.0.0.1:3006'),
  })
  .parse(process.env);

/** A demo farmer's access token, from identity (their session's token route), as the web app gets one. */
const tokenOf = async (userId: string) => {
  const person = demoUsers.find((u) => u.userId === userId);
  if (!person) throw new Error(`${userId} is not a demo person`);
  return (await signInThroughIdentity(env.IDENTITY_URL, person.email, DEMO_PASSWORD)).token;
};

const call = async (token: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(new URL(path, env.CATALOG_URL), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
};

const must = (r: { status: number; body: unknown }, what: string, status: number) => {
  if (r.status !== status) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string };
};

/**
 * identity approves the demo farms at its start (DEMO_PEOPLE=on) and catalog learns it from the event a moment later:
 * until then publishing is refused (403), so it is asked again for up to 30 s.
 */
const publishWhenApproved = async (token: string, listingId: string) => {
  const until = Date.now() + 30_000;
  for (;;) {
    const r = await call(token, 'POST', `/listings/${listingId}/publish`, undefined);
    if (r.status !== 403 || Date.now() > until) return r;
    await new Promise((done) => setTimeout(done, 300));
  }
};

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const listingOf = (farm: SeedFarm, p: SeedProduce, n: number) => {
  const harvest = day(-p.harvestedDaysAgo);
  return {
    category: p.category,
    title: p.title,
    description: p.description,
    unit: p.unit,
    unitPrice: { amount: p.price, currency: farm.market?.currency ?? 'EUR' },
    photos: [`/photos/${p.produce}.svg`],
    available: p.available,
    lot: {
      // Traceability lot code: farm, harvest date, product, sequence.
      lotCode: `${farm.address.country}-${farm.code}-${harvest.replaceAll('-', '')}-${p.produce.slice(0, 3).toUpperCase()}${String(n).padStart(2, '0')}`,
      field: p.field,
      harvestDate: harvest,
      bestBefore: day(-p.harvestedDaysAgo + p.shelfDays),
      quantity: p.available,
    },
    coldChain: p.coldChain,
  };
};

const seedFarm = async (farm: SeedFarm) => {
  const token = await tokenOf(farm.farmer);
  const mine = await call(token, 'GET', '/farms/mine');
  if (mine.status === 200) {
    console.log(`skip ${farm.farmer}: already has a farm`);
    return;
  }
  const { produce: items, farmer: _f, code: _c, payoutAccountId: _typed, market, ...profile } = farm;
  const created = must(
    await call(token, 'POST', '/farms', { ...profile, ...(market ? { market: market.code } : {}) }),
    `farm of ${farm.farmer}`,
    201,
  );
  // the payout account comes from Connect onboarding only (stripe-mock, or the simulated provider offline)
  must(await call(token, 'POST', `/farms/${created.id}/payout-onboarding`), `payout account of ${farm.farmer}`, 200);
  for (const [i, p] of items.entries()) {
    const listing = must(await call(token, 'POST', `/farms/${created.id}/listings`, listingOf(farm, p, i + 1)), p.title, 201);
    must(await publishWhenApproved(token, listing.id), `publish ${p.title}`, 200);
  }
  console.log(`seeded ${farm.name} (${farm.region}) with ${items.length} listings`);
};

for (const farm of seedFarms(new Date().getFullYear())) await seedFarm(farm);
