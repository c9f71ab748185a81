import { listingSnapshot } from './fixtures/listing-snapshot';
import { Topics } from '@ftt/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Api, runConsumer, runService, type RunningService } from '../src/index';
import { EventProbe, eventually, testEnv, token } from '../src/testing';

const t = testEnv('admin');
let svc: RunningService;
let probe: EventProbe;
let healthy = false;
const handled: string[] = [];

const snapshot = (listingId: string) => listingSnapshot(listingId);

beforeAll(async () => {
  probe = await new EventProbe(t).listen([Topics.listings]);
  svc = await runService('admin-fixture', z.object({}), t.serviceEnv(), async (d) => ({
    api: new Api({ title: 'fixture', version: '1' }, t.auth),
    start: async () => [
      await runConsumer({
        kafka: d.kafka,
        producer: d.producer,
        groupId: `${t.topicPrefix}fixture`,
        topicPrefix: t.topicPrefix,
        topics: [Topics.listings],
        log: d.log,
        maxAttempts: 2,
        retryBaseMs: 10,
        handle: async (event) => {
          if (!healthy) throw new Error('downstream is down');
          handled.push(event.id);
        },
      }),
    ],
  }));
});
afterAll(async () => {
  await svc?.stop();
  await probe?.close();
});

const get = async (path: string, bearer: string) => {
  const res = await fetch(svc.url + path, { headers: { authorization: `Bearer ${bearer}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('operator endpoints', () => {
  it('when a message was dead-lettered, then an admin sees it with its error and can replay it once the cause is fixed, only with a reason (400 naming body.reason without one, nothing replayed)', async () => {
    const admin = await token(t, { userId: 'user-admin-ada', role: 'admin' });
    const sent = await probe.send('ftt.catalog.listing.published.v1', snapshot('l-dead'));
    await eventually(() => probe.deadLetters(Topics.listings).length === 1, 30_000);

    const list = await eventually(
      async () => {
        const r = await get('/admin/dead-letters', admin);
        return (r.body.deadLetters as unknown[] | undefined)?.length ? r : undefined;
      },
      30_000,
      500,
    );
    const [dl] = list.body.deadLetters as {
      eventId: string;
      error: string;
      partition: number;
      offset: string;
      topic: string;
    }[];
    expect(dl).toMatchObject({ eventId: sent.id, error: expect.stringMatching(/downstream is down/) });

    healthy = true;
    for (const reason of [undefined, '', '  ']) {
      const unexplained = await fetch(`${svc.url}/admin/dead-letters/replay`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ topic: Topics.listings, partition: dl!.partition, offset: dl!.offset, reason }),
      });
      expect(unexplained.status).toBe(400);
      expect(((await unexplained.json()) as { errors: { field: string }[] }).errors.map((e: { field: string }) => e.field)).toEqual(['body.reason']);
    }
    expect((await get('/admin/audit', admin)).body.items).toEqual([]);
    const res = await fetch(`${svc.url}/admin/dead-letters/replay`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ topic: Topics.listings, partition: dl!.partition, offset: dl!.offset, reason: 'downstream fixed' }),
    });
    expect(res.status).toBe(200);
    const trail = await get('/admin/audit', admin);
    expect(trail.body.items).toEqual([
      expect.objectContaining({
        action: 'dead_letter.replay',
        actor: { userId: 'user-admin-ada' },
        reason: 'downstream fixed',
        target: { type: 'dead_letter', id: `${dl!.topic}[${dl!.partition}]@${dl!.offset}` },
        details: expect.objectContaining({ eventId: sent.id }),
      }),
    ]);
    await eventually(() => handled.includes(sent.id), 30_000);
    expect((await get('/admin/outbox', admin)).body).toEqual({ backlog: 0 });
  });

  it('when a non-admin asks, then 403, and without a token 401', async () => {
    const buyer = await token(t, { userId: 'user-buyer-ben', role: 'buyer' });
    expect((await get('/admin/dead-letters', buyer)).status).toBe(403);
    expect((await fetch(`${svc.url}/admin/outbox`)).status).toBe(401);
    expect((await get('/admin/lag', buyer)).status).toBe(403);
    expect((await get('/admin/audit', buyer)).status).toBe(403);
  });

  it('when an admin asks for the consumer lag, then each consumed topic has a number and they add up', async () => {
    const admin = await token(t, { userId: 'user-admin-ada', role: 'admin' });
    const lag = await get('/admin/lag', admin);
    expect(lag.status).toBe(200);
    expect(lag.body).toMatchObject({ group: expect.any(String), total: expect.any(Number), topics: [{ topic: Topics.listings, lag: expect.any(Number) }] });
    const topics = lag.body.topics as { lag: number }[];
    expect(topics.reduce((n, x) => n + x.lag, 0)).toBe(lag.body.total);
  });

  it('when a consumer runs in a group of its own, then the lag of its topics is that group\'s, not the service\'s', async () => {
    // the fixture's consumer is in `<prefix>fixture`, not the service's default group (like logistics' readings):
    // once it has handled everything (the replay in the first test), its topic's lag is 0
    const admin = await token(t, { userId: 'user-admin-ada', role: 'admin' });
    await eventually(() => handled.length > 0, 30_000);
    const lag = await eventually(
      async () => {
        const r = await get('/admin/lag', admin);
        return (r.body.total as number) === 0 ? r : undefined;
      },
      20_000,
      500,
    ).catch(async () => get('/admin/lag', admin));
    expect(lag.body).toMatchObject({
      total: 0,
      topics: [{ topic: Topics.listings, group: `${t.topicPrefix}fixture`, lag: 0 }],
    });
  });
});
