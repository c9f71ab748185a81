import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Api } from '../src/index';

const auth = { secret: 'unit-test-secret-0123456789abcdef0123', issuer: 'fieldtotable', audience: 'fieldtotable-api' };
const Postcode = z.number().int().min(1000).max(9999);

const doc = new Api({ title: 'tuples', version: '1' }, auth)
  .route({
    method: 'post',
    path: '/zones',
    summary: 'zones',
    auth: 'public',
    body: z.strictObject({
      ranges: z.array(z.tuple([Postcode, Postcode])),
      tagged: z.tuple([z.string()], z.number()),
    }),
    response: z.object({ range: z.tuple([Postcode, Postcode]) }),
    handler: async () => ({ range: [1000, 1999] }),
  })
  .openapi() as {
  paths: Record<string, { post: { requestBody: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }> } }>;
};

describe('tuples in the OpenAPI document', () => {
  it('when a request schema has a tuple, then it is an OpenAPI 3.1 array with prefixItems, no items beyond them and its length as minItems/maxItems (what Schemathesis reads); in a response a tuple of alike places is that array', () => {
    const op = doc.paths['/zones']!.post;
    const body = op.requestBody.content['application/json']!.schema as { properties: Record<string, Record<string, unknown>> };
    const range = (body.properties.ranges as { items: Record<string, unknown> }).items;
    expect(range).toEqual({
      type: 'array',
      prefixItems: [
        { type: 'integer', minimum: 1000, maximum: 9999 },
        { type: 'integer', minimum: 1000, maximum: 9999 },
      ],
      items: false,
      minItems: 2,
      maxItems: 2,
    });
    // a tuple with a rest element keeps its items, and needs at least its fixed part
    expect(body.properties.tagged).toEqual({ type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'number' }, minItems: 1 });
    const reply = op.responses['200']!.content['application/json']!.schema as { properties: Record<string, unknown> };
    expect(reply.properties.range).toEqual({
      type: 'array',
      items: { type: 'integer', minimum: 1000, maximum: 9999 },
      minItems: 2,
      maxItems: 2,
    });
  });
});
