import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Api, createHttpApp, createLogger, requireFarm } from '../src/index';
import { forgeToken, testEnv, token } from '../src/testing';
import { addBoomRoute } from './fixtures/boom-route';

// Tokens are signed with the test harness's key and verified through its JWKS server, as services verify identity's.
const t = testEnv('edge');
const auth = t.auth;
const writes: unknown[] = [];

const api = new Api({ title: 'edge', version: '1' }, auth).route({
  method: 'post',
  path: '/farms/:farmId/listings',
  summary: 'create',
  auth: ['farm'],
  params: z.strictObject({ farmId: z.string().min(1) }),
  body: z.strictObject({ title: z.string().min(1), price: z.number().int().positive() }),
  status: 201,
  handler: async ({ body, principal, params }) => {
    requireFarm(principal, params.farmId, 'listings.write');
    writes.push(body);
    return { ok: true };
  },
});
addBoomRoute(api, 'secret internal detail');

let server: Server;
let base = '';
beforeAll(async () => {
  const app = createHttpApp({
    name: 'edge',
    log: createLogger('edge', 'silent'),
    api,
    bodyLimit: '1kb',
    ready: async () => ({ database: true }),
  });
  server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const farmer = () => token(t, { userId: 'anna', role: 'farmer' });
const good = JSON.stringify({ title: 'Tomatoes', price: 450 });

type Case = [
  name: string,
  init: () => Promise<{ body?: string; token?: string; path?: string }>,
  status: number,
  field?: string,
];
const cases: Case[] = [
  ['malformed JSON', async () => ({ body: '{"title": "x",', token: await farmer() }), 400, 'body'],
  [
    'a wrong type',
    async () => ({ body: '{"title":"x","price":"450"}', token: await farmer() }),
    400,
    'body.price',
  ],
  ['a missing field', async () => ({ body: '{"price":450}', token: await farmer() }), 400, 'body.title'],
  [
    'an unknown field',
    async () => ({ body: '{"title":"x","price":1,"admin":true}', token: await farmer() }),
    400,
    'body.admin',
  ],
  [
    'an operator payload',
    async () => ({ body: '{"title":{"$ne":""},"price":1}', token: await farmer() }),
    400,
    'body.title',
  ],
  [
    'a __proto__ key',
    async () => ({ body: '{"title":"x","price":1,"__proto__":{"admin":true}}', token: await farmer() }),
    400,
  ],
  [
    'an oversized body',
    async () => ({ body: JSON.stringify({ title: 'x'.repeat(5000), price: 1 }), token: await farmer() }),
    413,
  ],
  ['no token', async () => ({ body: good }), 401],
  // the caller comes first: a stranger learns nothing of the body's rules, and their body is never read
  ['malformed JSON and no token', async () => ({ body: '{"title": "x",' }), 401],
  ['an unknown field and no token', async () => ({ body: '{"title":"x","price":1,"admin":true}' }), 401],
  ['an oversized body and no token', async () => ({ body: JSON.stringify({ title: 'x'.repeat(5000), price: 1 }) }), 401],
  [
    'an expired token',
    async () => ({
      body: good,
      token: await token(t, { userId: 'anna', role: 'farmer' }, Math.floor(Date.now() / 1000) - 60),
    }),
    401,
  ],
  [
    'a forged token',
    async () => ({
      body: good,
      // the harness key's kid, somebody else's key
      token: await forgeToken(
        { sub: 'anna', memberships: [{ kind: 'farm', farmId: 'farm-anna', role: 'owner' }] },
        { key: await generateKeyPair('EdDSA') },
      ),
    }),
    401,
  ],
  [
    'an alg=none token',
    async () => ({
      body: good,
      token: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'anna', memberships: [{ kind: 'operator' }] })).toString('base64url')}.`,
    }),
    401,
  ],
  [
    'a token for another audience',
    async () => ({
      body: good,
      token: await forgeToken(
        { sub: 'anna', memberships: [{ kind: 'farm', farmId: 'farm-anna', role: 'owner' }] },
        { audience: 'other' },
      ),
    }),
    401,
  ],
  [
    'no farm membership',
    async () => ({ body: good, token: await token(t, { userId: 'ben', role: 'buyer' }) }),
    403,
  ],
  [
    'another owner',
    async () => ({ body: good, token: await farmer(), path: '/farms/farm-joost/listings' }),
    403,
  ],
  ['an unknown route', async () => ({ body: good, token: await farmer(), path: '/nope' }), 404],
];

describe('the HTTP edge', () => {
  it.each(cases)(
    'when a request has %s, then it gets %i problem+json and nothing is written',
    async (_n, init, status, field) => {
      const { body, token, path } = await init();
      const before = writes.length;
      const res = await fetch(base + (path ?? '/farms/farm-anna/listings'), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body,
      });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await res.json()) as { status: number; title: string; errors?: { field: string }[] };
      expect(problem.status).toBe(status);
      expect(problem.title).toBeTruthy();
      if (field) expect(problem.errors?.map((e) => e.field).join(',')).toContain(field);
      expect(writes.length).toBe(before);
    },
  );

  it('when the request is valid, then it is written once', async () => {
    const res = await fetch(`${base}/farms/farm-anna/listings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await farmer()}` },
      body: good,
    });
    expect(res.status).toBe(201);
    expect(writes.at(-1)).toEqual({ title: 'Tomatoes', price: 450 });
  });

  it('when a handler fails unexpectedly, then the 500 is masked', async () => {
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret internal detail');
    expect(JSON.parse(text)).toMatchObject({ status: 500, code: 'internal' });
  });

  it('when the OpenAPI document is asked for, then it describes the routes from the same schemas', async () => {
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<
        string,
        { post?: { requestBody: { content: Record<string, { schema: { required: string[] } }> } } }
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    const body = doc.paths['/farms/{farmId}/listings']?.post?.requestBody.content['application/json']?.schema;
    expect(body?.required).toEqual(['title', 'price']);
  });
});
