import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE, generateApiTypes, webSchemas } from './gen-api';

describe('the web API types', () => {
  it('when a service changes a schema the web reads, then the committed generated types must be regenerated (pnpm gen:api)', async () => {
    expect(await readFile(GENERATED_FILE, 'utf8')).toBe(await generateApiTypes());
  });

  it('when the documents are built without servers, then every view the web names is there', () => {
    expect(Object.keys(webSchemas())).toEqual(
      expect.arrayContaining(['Farm', 'Listing', 'Order', 'OrderTrace', 'PartnerShipment', 'ShipmentDetail', 'Problem']),
    );
  });
});
