import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE, generateApiTypes, generateLimits, LIMITS_FILE, webLimits, webSchemas } from './gen-api';

describe('the web API types', () => {
  it('when a service changes a schema the web reads, then the committed generated types must be regenerated (pnpm gen:api)', async () => {
    expect(await readFile(GENERATED_FILE, 'utf8')).toBe(await generateApiTypes());
  }, 30_000); // openapi-typescript over five documents: about a second alone, 5 s and more beside the other tiers

  it('when a service changes a limit of a body or query, then the committed limits must be regenerated (pnpm gen:api)', async () => {
    expect(await readFile(LIMITS_FILE, 'utf8')).toBe(generateLimits());
  });

  it('when a schema has a pattern, then the web gets it only in a form a browser compiles (v flag), so it really checks', () => {
    const all = webLimits();
    expect(all['orders POST /orders']!['contact.name']).toEqual({ minLength: 1, maxLength: 100 });
    for (const fields of Object.values(all))
      for (const l of Object.values(fields)) if ('pattern' in l && l.pattern) expect(() => new RegExp(`^(?:${l.pattern})$`, 'v')).not.toThrow();
  });

  it('when the documents are built without servers, then every view the web names is there', () => {
    expect(Object.keys(webSchemas())).toEqual(
      expect.arrayContaining(['Farm', 'Listing', 'Order', 'OrderTrace', 'PartnerShipment', 'ShipmentDetail', 'Problem']),
    );
  });
});
