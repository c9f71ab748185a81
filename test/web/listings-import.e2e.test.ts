import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, personas, useWebHarness } from './harness';
import { seedCatalog } from './seed';

/**
 * Issue #33 in the browser: Lena (Kippenhof Visser) exports her listings as CSV from her farm screen, raises the
 * price of her eggs in the file, imports it: the preview shows that one change and nothing else, and changes
 * nothing; she confirms, and the eggs cost the new price. Desktop and phone, axe finds nothing (`screen()`).
 */
let seeded: Awaited<ReturnType<typeof seedCatalog>>;
let ducks = '';
const { lena } = personas;
const h = useWebHarness('listings-import', {
  seed: async ({ t, system, api }) => {
    seeded = await seedCatalog(t, system.catalog.url);
    // a second listing whose name a spreadsheet must keep as it is
    const created = await api<{ id: string }>(lena, system.catalog.url, 'POST', `/farms/${seeded.lenaFarmId}/listings`, {
      category: 'eggs',
      title: '鸭蛋 – eendeneieren “vers”',
      unit: 'dozen',
      unitPrice: { amount: 650, currency: 'EUR' },
      available: 12,
      lot: { lotCode: 'DUCK-01', field: 'Vijver', harvestDate: new Date().toISOString().slice(0, 10), quantity: 24 },
      coldChain: { minC: 2, maxC: 8 },
    });
    expect(created.status).toBe(201);
    ducks = created.body.id;
  },
});

type Row = Record<string, string>;
let file = '';
/** The eggs' row as the spreadsheet numbers it (the header is row 1). */
let eggsRow = 0;

describe('catalog import and export, in the browser', () => {
  it('when Lena exports her listings, then the CSV holds every listing with its lot, names intact', async () => {
    await h.signInAs('Lena Visser');
    await h.go('/farmer');
    await h.heading('Kippenhof Visser').waitFor();
    const saved = h.page.waitForEvent('download');
    await h.button('Export CSV').click();
    const download = await saved;
    expect(download.suggestedFilename()).toMatch(/^listings-kippenhof-visser-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(readFileSync((await download.path())!), { bom: true, columns: true }) as Row[];
    expect(rows.map((r) => [r.listing_id, r.title, r.price, r.currency])).toEqual(
      expect.arrayContaining([
        [seeded.eggsId, 'Free-range eggs', '4.20', 'EUR'],
        [ducks, '鸭蛋 – eendeneieren “vers”', '6.50', 'EUR'],
      ]),
    );
    eggsRow = rows.findIndex((r) => r.listing_id === seeded.eggsId) + 2;
    rows[eggsRow - 2]!.price = '4.60';
    file = stringify(rows, { header: true, columns: Object.keys(rows[0]!) });
  });

  it('when she imports the file with one price raised, then the preview shows that one change and nothing has changed yet', async () => {
    await h.page.getByRole('link', { name: 'Import CSV', exact: true }).click();
    await h.heading('Import listings from a CSV file').waitFor();
    await h.page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'listings.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await h.page.getByRole('heading', { name: 'What this file would do' }).waitFor();
    await h.page.getByText('2 rows: 0 new, 1 changed, 1 unchanged, 0 refused.').waitFor();
    const table = h.page.getByRole('region', { name: 'Rows of the file' });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toMatch(new RegExp(`^${eggsRow}\\s+Free-range eggs\\s+Changes\\s+price 4\\.20 → 4\\.60$`));
    const stored = await h.api<{ listing: { unitPrice: { amount: number } } }>(null, h.system.catalog.url, 'GET', `/listings/${seeded.eggsId}`);
    expect(stored.body.listing.unitPrice.amount).toBe(420);
    await h.screen('preview-desktop');
    await h.size(PHONE);
    await h.screen('preview-phone');
    await h.size(DESKTOP);
  });

  it('when she confirms, then the price is applied and the result says so', async () => {
    await h.button('Apply 1 row').click();
    await h.page.getByRole('heading', { name: 'Import done' }).waitFor();
    await h.page.getByText('2 rows: 0 new, 1 changed, 1 unchanged, 0 refused.').waitFor();
    const stored = await h.api<{ listing: { unitPrice: { amount: number }; version: number } }>(null, h.system.catalog.url, 'GET', `/listings/${seeded.eggsId}`);
    expect(stored.body.listing.unitPrice.amount).toBe(460);
    await h.screen('result-desktop');
    await h.size(PHONE);
    await h.screen('result-phone');
    await h.size(DESKTOP);
    await h.page.getByRole('link', { name: 'Back to your listings' }).click();
    await h.heading('Kippenhof Visser').waitFor();
    await h.page.getByText('€4.60').first().waitFor();
    // the farm screen with its Export CSV and Import CSV, on a phone too
    await h.size(PHONE);
    await h.page.getByRole('link', { name: 'Import CSV', exact: true }).waitFor();
    await h.screen('farm-phone');
    await h.size(DESKTOP);
    h.expectNoConsoleErrors();
  });
});
