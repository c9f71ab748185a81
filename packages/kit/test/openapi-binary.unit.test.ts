import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Api } from '../src/index';

const auth = { secret: 'unit-test-secret-0123456789abcdef0123', issuer: 'fieldtotable', audience: 'fieldtotable-api' };

type Responses = Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
const doc = new Api({ title: 'binary', version: '1' }, auth)
  .route({
    method: 'get',
    path: '/photos/:id',
    summary: 'an image',
    auth: 'public',
    params: z.object({ id: z.string() }),
    contentType: 'image/webp',
    errors: [404],
    handler: async () => new Uint8Array([1, 2, 3]),
  })
  .route({
    method: 'post',
    path: '/pings',
    summary: 'nothing back',
    auth: 'public',
    handler: async () => undefined,
  })
  .openapi() as { paths: Record<string, Record<string, { responses: Responses }>> };

describe('replies with bytes in the OpenAPI document', () => {
  it('when a route answers bytes of a media type (an image) without a response schema, then 200 is documented with that type as binary, not 204 (Schemathesis found a photo GET answering an undocumented 200)', () => {
    const responses = doc.paths['/photos/{id}']!.get!.responses;
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '404']);
    expect(responses['200']!.content).toEqual({ 'image/webp': { schema: { type: 'string', format: 'binary' } } });
  });

  it('when a route has neither a response schema nor a media type, then it is still documented as 204 with no body', () => {
    const responses = doc.paths['/pings']!.post!.responses;
    expect(responses['204']).toEqual({ description: 'success' });
    expect(responses['200']).toBeUndefined();
  });
});
