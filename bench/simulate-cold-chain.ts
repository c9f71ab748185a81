/**
 * Temperature loggers for a delivery day, against a running system (bash scripts/dev.sh): a partner takes the open
 * shipments of a region (or those already on their van), puts a logger with each, and the loggers replay the day
 * (a reading a minute by default, drift, noise and door openings) at a chosen speed; one logger's cooling fails for
 * 25 minutes, which logistics raises as a temperature excursion. The curves then show on the buyer's trace page.
 *
 *   pnpm simulate:cold-chain [--devices 4] [--hours 8] [--step-s 60] [--minutes-per-second 20] [--excursion 1]
 *                            [--partner user-partner-pia] [--region Gelderland]
 *
 * The partner signs in through identity (a demo person, the demo password; IDENTITY_URL, http://127.0.0.1:3006) and
 * refreshes the access token from the session as it runs. Environment: LOGISTICS_URL
 * (http://127.0.0.1:3003), INGEST_URL (http://127.0.0.1:3005). The dev ingest accepts readings up to a day ahead
 * (READINGS_MAX_FUTURE_MS), since a replayed day runs ahead of the wall clock.
 */
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, demoUsers } from '@ftt/kit/demo-users';
import { signInThroughIdentity } from '@ftt/kit/identity-client';
import { tripReadings } from './lib/cold-chain';
import { prng } from './lib/stats';

const { values: o } = parseArgs({
  options: {
    devices: { type: 'string', default: '4' },
    hours: { type: 'string', default: '8' },
    'step-s': { type: 'string', default: '60' },
    'minutes-per-second': { type: 'string', default: '20' },
    excursion: { type: 'string', default: '1' },
    partner: { type: 'string', default: 'user-partner-pia' },
    region: { type: 'string', default: 'Gelderland' },
    seed: { type: 'string', default: '7' },
  },
  strict: true,
});
const IDENTITY = process.env.IDENTITY_URL ?? 'http://127.0.0.1:3006';
const L = process.env.LOGISTICS_URL ?? 'http://127.0.0.1:3003';
const INGEST = process.env.INGEST_URL ?? 'http://127.0.0.1:3005';
const devices = Number(o.devices);
const stepMs = Number(o['step-s']) * 1000;
const count = Math.ceil((Number(o.hours) * 3_600_000) / stepMs);
const perSecond = Math.max(1, Math.round((Number(o['minutes-per-second']) * 60_000) / stepMs));
const excursionOn = Number(o.excursion); // 1-based logger number; 0 = none

interface Shipment {
  shipmentId: string;
  orderId: string;
  status: string;
  farmName: string;
  trackingCode?: string;
  coldChain: { minC: number; maxC: number };
  excursions?: { place: string; time: string; temperatureC: number }[];
}

const main = async () => {
  const user = demoUsers.find((u) => u.userId === o.partner && u.role === 'logistics');
  if (!user) {
    console.error(
      `--partner must be a demo logistics partner (${demoUsers
        .filter((u) => u.role === 'logistics')
        .map((u) => u.userId)
        .join(', ')})`,
    );
    process.exit(2);
  }
  const session = await signInThroughIdentity(IDENTITY, user.email, DEMO_PASSWORD);
  // Access tokens live minutes: a fresh one from the session every 5 minutes, as the web app does.
  let bearer = session.token;
  let fetchedAt = Date.now();
  const current = async () => {
    if (Date.now() - fetchedAt > 300_000) {
      bearer = await session.refresh();
      fetchedAt = Date.now();
    }
    return bearer;
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(L + path, {
      method,
      headers: {
        authorization: `Bearer ${await current()}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  // The partner's van: shipments already picked up, then open ones of the region (claimed and picked up now).
  const mine = (await call<Shipment[]>('GET', '/shipments/mine')).filter((s) =>
    ['picked_up', 'out_for_delivery'].includes(s.status),
  );
  const open = await call<Shipment[]>('GET', `/shipments/open?region=${encodeURIComponent(o.region)}`);
  const loads: Shipment[] = [...mine];
  for (const s of open) {
    if (loads.length >= devices) break;
    await call('POST', `/shipments/${s.shipmentId}/claim`);
    loads.push(await call<Shipment>('POST', `/shipments/${s.shipmentId}/pickup`));
  }
  if (loads.length === 0) {
    console.error(
      `no shipment to carry in ${o.region}: place and pay an order in the web app first, then run this again`,
    );
    process.exit(1);
  }
  const trips = [];
  for (const [i, s] of loads.slice(0, devices).entries()) {
    const d = await call<{ deviceId: string; secret: string }>('POST', '/devices', {
      kind: 'crate',
      label: `Simulated crate ${i + 1}`,
    });
    const a = await call<{ from: string }>('POST', `/devices/${d.deviceId}/attachments`, {
      shipmentId: s.shipmentId,
    });
    const excursion =
      i + 1 === excursionOn
        ? [{ from: Math.floor(count * 0.4), readings: Math.ceil((25 * 60_000) / stepMs), aboveC: 3 }]
        : [];
    const readings = tripReadings({
      range: s.coldChain,
      startMs: Date.parse(a.from) + 1_000,
      stepMs,
      count,
      excursions: excursion,
      doorEvery: Math.max(5, Math.round((45 * 60_000) / stepMs)),
      random: prng(Number(o.seed) + i),
    });
    trips.push({
      shipment: s,
      deviceId: d.deviceId,
      auth: `Device ${d.deviceId}:${d.secret}`,
      readings,
      excursion,
    });
    console.log(
      `logger ${i + 1} (${d.deviceId}) on ${s.shipmentId} from ${s.farmName}, range ${s.coldChain.minC}..${s.coldChain.maxC} °C${excursion.length ? ', cooling fails for 25 minutes' : ''}`,
    );
  }
  console.log(
    `replaying ${o.hours} h (${count} readings per logger), ${perSecond} readings per logger per second`,
  );
  for (let sent = 0; sent < count; sent += perSecond) {
    const tick = Date.now();
    await Promise.all(
      trips.map(async (t) => {
        const r = await fetch(`${INGEST}/readings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: t.auth },
          body: JSON.stringify({ readings: t.readings.slice(sent, sent + perSecond) }),
        });
        if (r.status !== 202) throw new Error(`ingest answered ${r.status}: ${await r.text()}`);
      }),
    );
    process.stdout.write(`\r  ${Math.min(count, sent + perSecond)} / ${count} readings per logger`);
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tick))));
  }
  console.log('\nwaiting for logistics to judge the last readings ...');
  await new Promise((r) => setTimeout(r, 3_000));
  for (const [i, t] of trips.entries()) {
    const s = await call<Shipment>('GET', `/shipments/${t.shipment.shipmentId}`);
    const raised = (s.excursions ?? []).filter((e) => e.place === `sensor ${t.deviceId}`);
    console.log(
      `logger ${i + 1}: ${raised.length} excursion(s) raised${raised.map((e) => ` (from ${e.time}, up to ${e.temperatureC} °C)`).join('')}; ` +
        `trace: /orders/${s.orderId}/trace${s.trackingCode ? `, tracking: /track?code=${s.trackingCode}` : ''}`,
    );
  }
};

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
