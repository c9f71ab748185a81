import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ListingRepo } from '../src/data/listing-repo';
import { CSV_COLUMNS } from '../src/domain/listing-csv';
import { StockMoved } from '../src/use-cases/ports';
import { daysAgo, daysAhead, eventually, farmBody, listingBody, startHarness, type Harness, type User } from './support';

/**
 * Issue #33: a farm's catalog out to CSV and back. Real Kafka and the database server; the file as a spreadsheet
 * saves it; every assertion on the reply, the stored listings and the events on the listings topic.
 */
let h: Harness;
let farmId = '';
let joostListing = '';
/** Anna's listings by name: a published one and drafts to refuse rows against. */
const ids: Record<string, string> = {};

type Row = Record<(typeof CSV_COLUMNS)[number], string>;
interface Report {
  mode: string;
  replayed: boolean;
  summary: { rows: number; create: number; change: number; unchanged: number; refused: number };
  rows: {
    row: number;
    listingId: string | null;
    action: string;
    changes: { column: string; from: string; to: string }[];
    problems: { column: string | null; code: string; message: string }[];
  }[];
}

/** An import's report, or the problem the file got instead. */
type Reply = Report & { errors?: { field: string; message: string }[]; code?: string; detail?: string };

const exportCsv = async (as: User = 'anna', farm = farmId) =>
  fetch(`${h.url}/farms/${farm}/listings.csv`, { headers: { authorization: `Bearer ${await h.bearer(as)}` } });

const rowsOf = (text: string): Row[] => parse(text, { bom: true, columns: true }) as Row[];
const csvOf = (rows: Partial<Row>[], columns: readonly string[] = CSV_COLUMNS) =>
  stringify(rows.map((r) => columns.map((c) => r[c as keyof Row] ?? '')), { header: true, columns: [...columns] });

const importCsv = async (
  body: string | Buffer,
  mode: 'preview' | 'apply',
  o: { as?: User; key?: string; type?: string; farm?: string } = {},
): Promise<{ status: number; body: Reply; type: string }> => {
  const res = await fetch(`${h.url}/farms/${o.farm ?? farmId}/listings/import?mode=${mode}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await h.bearer(o.as ?? 'anna')}`,
      'content-type': o.type ?? 'text/csv; charset=utf-8',
      ...(o.key ? { 'idempotency-key': o.key } : {}),
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as Reply, type: res.headers.get('content-type') ?? '' };
};

const listingEvents = () => h.probe.events.filter((e) => e.type.startsWith('ftt.catalog.listing.'));
/** What a write would change: every listing of the farm's version, price and stock, as stored. */
const stored = async () =>
  (await h.db.collection('listings').find({ farmId }).sort({ _id: 1 }).toArray()).map((d) => ({
    id: String(d._id),
    version: d.version,
    price: (d.unitPrice as { amount: number }).amount,
    available: d.available,
    title: d.title,
  }));

const create = async (name: string, over: Record<string, unknown> = {}, publish = false) => {
  const r = await h.call('POST', `/farms/${farmId}/listings`, 'anna', listingBody(over));
  expect(r.status).toBe(201);
  ids[name] = r.body.id;
  if (publish) expect((await h.call('POST', `/listings/${r.body.id}/publish`, 'anna')).status).toBe(200);
};

beforeAll(async () => {
  h = await startHarness('catalog-csv');
  const farm = await h.call('POST', '/farms', 'anna', farmBody({ name: 'De Groene Hoeve' }));
  expect(farm.status).toBe(201);
  farmId = farm.body.id;
  await create('carrots', { title: 'Peen “Nantes” – één kilo, vers', description: 'Zoet, gewassen;\nuit "veld 3", met loof' }, true);
  await create('chinese', { title: '有机胡萝卜（冬季）', unit: 'bunch', unitPrice: { amount: 1250, currency: 'EUR' } }, true);
  for (let i = 0; i < 16; i++) await create(`draft${i}`, { title: `Draft ${i}` });
  const joost = await h.call('POST', '/farms', 'joost', farmBody({ name: 'Hof van Joost' }));
  const theirs = await h.call('POST', `/farms/${joost.body.id}/listings`, 'joost', listingBody());
  joostListing = theirs.body.id;
  await eventually(() => listingEvents().length >= 2);
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

describe('the CSV export', () => {
  it('when Anna exports, then every listing is one row of stable columns, UTF-8 with Dutch and Chinese names intact and the price a decimal with its currency', async () => {
    const res = await exportCsv();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="listings-de-groene-hoeve-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a spreadsheet reads it as UTF-8
    const text = bytes.toString('utf8');
    expect(text.slice(1, text.indexOf('\r\n'))).toBe(CSV_COLUMNS.join(','));
    const rows = rowsOf(text);
    expect(rows).toHaveLength(18);
    const carrots = rows.find((r) => r.listing_id === ids.carrots)!;
    expect(carrots).toMatchObject({
      status: 'published',
      title: 'Peen “Nantes” – één kilo, vers',
      description: 'Zoet, gewassen;\nuit "veld 3", met loof',
      price: '3.49',
      currency: 'EUR',
      available: '100',
      unit: 'kg',
      min_c: '1',
      max_c: '6',
      photos: '/photos/carrots.svg',
    });
    expect(rows.find((r) => r.listing_id === ids.chinese)).toMatchObject({ title: '有机胡萝卜（冬季）', price: '12.50', unit: 'bunch' });
  });

  it('when a packer of the farm exports, then he may (the farm is his to read); another farmer, a buyer and a stranger may not', async () => {
    expect((await exportCsv('piet')).status).toBe(200);
    const other = await exportCsv('joost');
    expect(other.status).toBe(403);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect((await exportCsv('ben')).status).toBe(403);
    expect((await fetch(`${h.url}/farms/${farmId}/listings.csv`)).status).toBe(401);
  });
});

describe('the CSV import', () => {
  it('when the export is imported unchanged, then the preview says unchanged for every row and the apply writes nothing and emits no event', async () => {
    const text = await (await exportCsv()).text();
    const before = await stored();
    const eventsBefore = listingEvents().length;
    const preview = await importCsv(text, 'preview');
    expect(preview.status).toBe(200);
    expect(preview.body.summary).toEqual({ rows: 18, create: 0, change: 0, unchanged: 18, refused: 0 });
    expect(preview.body.rows.every((r) => r.action === 'unchanged' && r.changes.length === 0)).toBe(true);
    const applied = await importCsv(text, 'apply');
    expect(applied.status).toBe(200);
    expect(applied.body.summary).toEqual({ rows: 18, create: 0, change: 0, unchanged: 18, refused: 0 });
    expect(await stored()).toEqual(before); // not one version moved: nothing was written
    await new Promise((r) => setTimeout(r, 1500));
    expect(listingEvents().length).toBe(eventsBefore);
  });

  it('when a row changes the price, then the preview names the change and applies nothing; the apply stores it and emits listing.updated; the same file again is a no-op', async () => {
    const rows = rowsOf(await (await exportCsv()).text());
    rows.find((r) => r.listing_id === ids.carrots)!.price = '3.99';
    const file = csvOf(rows);
    const preview = await importCsv(file, 'preview');
    expect(preview.body.summary).toMatchObject({ change: 1, unchanged: 17, refused: 0 });
    expect(preview.body.rows.find((r) => r.action === 'change')).toMatchObject({
      listingId: ids.carrots,
      changes: [{ column: 'price', from: '3.49', to: '3.99' }],
    });
    expect((await stored()).find((l) => l.id === ids.carrots)!.price).toBe(349);

    const applied = await importCsv(file, 'apply');
    expect(applied.body.summary).toMatchObject({ change: 1, unchanged: 17 });
    expect((await stored()).find((l) => l.id === ids.carrots)).toMatchObject({ price: 399, version: 3 });
    const updated = await eventually(() =>
      listingEvents().find((e) => e.type === 'ftt.catalog.listing.updated.v1' && (e.data as { listingId: string }).listingId === ids.carrots),
    );
    expect(updated.data).toMatchObject({ listingId: ids.carrots, unitPrice: { amount: 399, currency: 'EUR' }, version: 3, title: 'Peen “Nantes” – één kilo, vers' });

    const eventsBefore = listingEvents().length;
    const again = await importCsv(file, 'apply');
    expect(again.body.summary).toMatchObject({ change: 0, unchanged: 18 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(listingEvents().length).toBe(eventsBefore);
  });

  it('when a row changes price and stock together, then both are written in one go with the stock history saying why; a stock-only row adjusts the stock', async () => {
    const rows = rowsOf(await (await exportCsv()).text());
    const chinese = rows.find((r) => r.listing_id === ids.chinese)!;
    chinese.price = '11.00';
    chinese.available = '140';
    rows.find((r) => r.listing_id === ids.draft0)!.available = '60';
    const applied = await importCsv(csvOf(rows), 'apply');
    expect(applied.body.summary).toMatchObject({ change: 2, refused: 0 });
    expect(applied.body.rows.find((r) => r.listingId === ids.chinese)!.changes).toEqual([
      { column: 'price', from: '12.50', to: '11.00' },
      { column: 'available', from: '100', to: '140' },
    ]);
    expect((await stored()).find((l) => l.id === ids.chinese)).toMatchObject({ price: 1100, available: 140 });
    expect((await stored()).find((l) => l.id === ids.draft0)).toMatchObject({ available: 60, version: 1 });
    const history = await h.call('GET', `/listings/${ids.chinese}/stock-adjustments`, 'anna');
    expect(history.body.items).toEqual([expect.objectContaining({ kind: 'restock', quantity: 40, reason: 'CSV import', by: 'user-farmer-anna' })]);
    const drafted = await h.call('GET', `/listings/${ids.draft0}/stock-adjustments`, 'anna');
    expect(drafted.body.items).toEqual([expect.objectContaining({ kind: 'write_off', quantity: 40, reason: 'CSV import' })]);
  });

  it('when rows of 20 kinds are wrong, then each is refused naming its column and reason, and nothing of any of them is applied', async () => {
    const rows = rowsOf(await (await exportCsv()).text());
    const of = (name: string) => ({ ...rows.find((r) => r.listing_id === ids[name])!, price: '9.99' });
    const fresh = (over: Partial<Row>): Partial<Row> => ({
      ...of('draft15'),
      listing_id: '',
      status: '',
      title: 'Nieuwe bieten',
      lot_code: `NEW-${randomUUID().slice(0, 6)}`,
      ...over,
    });
    const long = 'x'.repeat(121);
    const cases: { kind: string; row: Partial<Row>; column: string; code: string }[] = [
      { kind: 'bad price', row: { ...of('draft1'), price: 'twee euro' }, column: 'price', code: 'invalid' },
      { kind: 'price with more decimals than the currency', row: { ...of('draft2'), price: '3.499' }, column: 'price', code: 'too_many_decimals' },
      { kind: 'price of zero', row: { ...of('draft3'), price: '0' }, column: 'price', code: 'out_of_range' },
      { kind: 'unknown unit', row: { ...of('draft4'), unit: 'bushel' }, column: 'unit', code: 'not_allowed' },
      { kind: 'unknown category', row: { ...of('draft5'), category: 'toys' }, column: 'category', code: 'not_allowed' },
      { kind: 'negative stock', row: { ...of('draft6'), available: '-5' }, column: 'available', code: 'out_of_range' },
      { kind: 'stock that is not a whole number', row: { ...of('draft7'), available: '2.5' }, column: 'available', code: 'invalid' },
      { kind: 'missing name', row: { ...of('draft8'), title: '' }, column: 'title', code: 'required' },
      { kind: 'unknown listing id', row: { ...of('draft9'), listing_id: randomUUID() }, column: 'listing_id', code: 'unknown_listing' },
      { kind: "another farm's listing", row: { ...of('draft9'), listing_id: joostListing }, column: 'listing_id', code: 'other_farm' },
      { kind: 'malformed listing id', row: { ...of('draft9'), listing_id: 'not an id!' }, column: 'listing_id', code: 'invalid' },
      { kind: 'bad date', row: { ...of('draft9'), harvest_date: '2026-02-30' }, column: 'harvest_date', code: 'invalid' },
      { kind: 'harvest in the future', row: { ...of('draft10'), harvest_date: daysAhead(5) }, column: 'harvest_date', code: 'in_future' },
      { kind: 'best-before before the harvest', row: { ...of('draft11'), best_before: daysAgo(30) }, column: 'best_before', code: 'before_harvest' },
      { kind: 'too-long text', row: { ...of('draft12'), title: long }, column: 'title', code: 'too_long' },
      { kind: 'wrong currency for the listing', row: { ...of('draft13'), currency: 'USD' }, column: 'currency', code: 'locked' },
      { kind: 'not a currency', row: { ...of('draft14'), currency: 'EURO' }, column: 'currency', code: 'invalid' },
      { kind: 'duplicate id in the file (first)', row: of('draft15'), column: 'listing_id', code: 'duplicate_id' },
      { kind: 'duplicate id in the file (second)', row: { ...of('draft15'), price: '8.88' }, column: 'listing_id', code: 'duplicate_id' },
      { kind: 'bad lot code', row: { ...of('draft0'), lot_code: 'a b' }, column: 'lot_code', code: 'invalid' },
      { kind: 'cold chain upside down', row: fresh({ min_c: '8', max_c: '2' }), column: 'min_c', code: 'min_above_max' },
      { kind: 'cold chain out of range', row: fresh({ min_c: '-50' }), column: 'min_c', code: 'out_of_range' },
      { kind: 'photo that is no photo address', row: fresh({ photos: 'http://example.com/a.jpg' }), column: 'photos', code: 'invalid' },
      { kind: 'status changed by a file', row: { ...of('chinese'), status: 'draft' }, column: 'status', code: 'locked' },
      { kind: 'unit of a published listing', row: { ...of('carrots'), unit: 'crate' }, column: 'unit', code: 'locked' },
      { kind: 'lot quantity of nothing', row: fresh({ lot_quantity: '0' }), column: 'lot_quantity', code: 'out_of_range' },
      { kind: 'new listing in another currency than the farm sells in', row: fresh({ currency: 'USD' }), column: 'currency', code: 'not_allowed' },
      { kind: 'new listing without a name', row: fresh({ title: '   ' }), column: 'title', code: 'required' },
    ];
    // each kind on a listing of its own (two rows naming one listing would be refused as duplicates), a price change with it
    const seenIds = new Map<string, number>();
    for (const c of cases) if (c.row.listing_id) seenIds.set(c.row.listing_id, (seenIds.get(c.row.listing_id) ?? 0) + 1);
    const clashes = cases.filter((c) => c.code !== 'duplicate_id' && c.row.listing_id && seenIds.get(c.row.listing_id)! > 1);
    expect(clashes.map((c) => c.kind)).toEqual([]);
    expect(new Set(cases.map((c) => c.kind)).size).toBeGreaterThanOrEqual(20);

    const before = await stored();
    const eventsBefore = listingEvents().length;
    const file = csvOf(cases.map((c) => c.row));
    for (const mode of ['preview', 'apply'] as const) {
      const r = await importCsv(file, mode);
      expect(r.status).toBe(200);
      expect(r.body.summary).toEqual({ rows: cases.length, create: 0, change: 0, unchanged: 0, refused: cases.length });
      cases.forEach((c, i) => {
        const got = r.body.rows[i]!;
        expect({ kind: c.kind, row: got.row, action: got.action, problem: got.problems[0] && { column: got.problems[0].column, code: got.problems[0].code } }).toEqual({
          kind: c.kind,
          row: i + 2,
          action: 'refused',
          problem: { column: c.column, code: c.code },
        });
        expect(got.problems[0]!.message.length).toBeGreaterThan(3);
      });
    }
    expect(await stored()).toEqual(before); // no row half-applied: not its price, not anything
    await new Promise((r) => setTimeout(r, 1000));
    expect(listingEvents().length).toBe(eventsBefore);
  });
});

describe('new listings from a file', () => {
  const newRows = (lot: string): Partial<Row>[] => [
    {
      title: '小白菜 (paksoi)',
      category: 'vegetables',
      description: 'Jong geoogst',
      unit: 'bunch',
      price: '2,75',
      currency: 'EUR',
      available: '40',
      lot_code: lot,
      field: 'Kas 2',
      harvest_date: daysAgo(1),
      best_before: daysAhead(7),
      lot_quantity: '80',
      min_c: '2',
      max_c: '7',
      photos: '',
    },
  ];
  const newColumns = CSV_COLUMNS.filter((c) => c !== 'listing_id' && c !== 'status');

  it('when a file without listing ids is applied, then each row is a new draft with its stock, and the same file again creates nothing', async () => {
    const file = csvOf(newRows('PAK-01'), newColumns);
    const preview = await importCsv(file, 'preview');
    expect(preview.body.summary).toMatchObject({ rows: 1, create: 1 });
    const id = preview.body.rows[0]!.listingId!;
    expect(await h.db.collection('listings').countDocuments({ _id: id as never })).toBe(0);
    const applied = await importCsv(file, 'apply');
    expect(applied.body.rows[0]).toMatchObject({ action: 'create', listingId: id });
    expect(await h.listingDoc(id)).toMatchObject({
      farmId,
      status: 'draft',
      title: '小白菜 (paksoi)',
      unitPrice: { amount: 275, currency: 'EUR' },
      available: 40,
      lot: { lotCode: 'PAK-01', field: 'Kas 2', quantity: 80 },
      coldChain: { minC: 2, maxC: 7 },
    });
    const again = await importCsv(file, 'apply');
    expect(again.body.summary).toMatchObject({ create: 0, unchanged: 1 });
    expect(await h.db.collection('listings').countDocuments({ farmId, 'lot.lotCode': 'PAK-01' })).toBe(1);
  });

  it('when an apply is repeated under its Idempotency-Key, then the first answer comes back; the key with another file is 422', async () => {
    const key = `import-${randomUUID()}`;
    const file = csvOf(newRows('PAK-02'), newColumns);
    const first = await importCsv(file, 'apply', { key });
    expect(first.body).toMatchObject({ replayed: false, summary: { create: 1 } });
    const repeat = await importCsv(file, 'apply', { key });
    expect(repeat.body).toMatchObject({ replayed: true, summary: { create: 1 }, rows: first.body.rows });
    expect(await h.db.collection('listings').countDocuments({ farmId, 'lot.lotCode': 'PAK-02' })).toBe(1);
    const other = await importCsv(csvOf(newRows('PAK-03'), newColumns), 'apply', { key });
    expect(other.status).toBe(422);
    expect(other.body.errors).toEqual([expect.objectContaining({ field: 'headers.idempotency-key' })]);
    expect(await h.db.collection('listings').countDocuments({ farmId, 'lot.lotCode': 'PAK-03' })).toBe(0);
  });
});

describe('files that cannot be imported, and who may import', () => {
  const header = CSV_COLUMNS.join(',');

  it('when the file has an unknown column, a broken quote, too many rows, too many bytes or is no CSV, then a problem names where, and nothing is applied', async () => {
    const before = await stored();
    const unknown = await importCsv(`listing_id,colour\n${ids.carrots},red\n`, 'apply');
    expect(unknown.status).toBe(400);
    expect(unknown.type).toContain('application/problem+json');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'body.header.colour' })]);

    const broken = await importCsv(`listing_id,title\n${ids.carrots},ok\n${ids.chinese},"broken\n`, 'apply');
    expect(broken.status).toBe(400);
    expect(broken.body.errors![0]!.field).toMatch(/^body\.row\[\d+\]$/);

    const cells = await importCsv(`listing_id,title\n${ids.carrots},a,b\n`, 'apply');
    expect(cells.status).toBe(400);
    expect(cells.body.errors).toEqual([expect.objectContaining({ field: 'body.row[2]' })]);

    const many = await importCsv(`title\n${'x\n'.repeat(10_001)}`, 'apply');
    expect(many.status).toBe(400);
    expect(many.body.detail).toMatch(/too many rows/);

    const big = await importCsv(`${header}\n${'x'.repeat(5 * 1024 * 1024)}\n`, 'apply');
    expect(big.status).toBe(413);
    expect(big.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);

    const latin1 = await importCsv(Buffer.from('title\nBr\xfbl\xe9e\n', 'latin1'), 'apply');
    expect(latin1.status).toBe(400);
    expect(latin1.body.errors![0]!.message).toMatch(/UTF-8/);

    const json = await importCsv('{"title":"x"}', 'apply', { type: 'application/json' });
    expect(json.status).toBe(415);

    expect(await stored()).toEqual(before);
  });

  it('when a semicolon-separated file (a Dutch spreadsheet) with a decimal comma changes a price, then it is read as such', async () => {
    const file = `\ufefflisting_id;price;currency\r\n${ids.draft3};2,95;EUR\r\n`;
    const preview = await importCsv(file, 'preview');
    expect(preview.body.rows[0]).toMatchObject({ action: 'change', changes: [{ column: 'price', from: '3.49', to: '2.95' }] });
  });

  it('when a packer, another farmer or a buyer imports, then 403 before the file is read; a stranger 401', async () => {
    for (const who of ['piet', 'joost', 'ben'] as const) {
      const r = await importCsv('not,a,file\n"', 'preview', { as: who });
      expect(r.status).toBe(403);
    }
    const anon = await fetch(`${h.url}/farms/${farmId}/listings/import`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'title\n' });
    expect(anon.status).toBe(401);
  });
});

describe('a row that changes fields and stock is one write', () => {
  it('when the stock moved since the row was decided, then neither the fields nor the stock are written (one transaction); as expected, both are', async () => {
    const repo = new ListingRepo(h.db.collection('listings') as never, h.db.getClient());
    const loaded = (await repo.load(ids.draft4!))!;
    const { available } = loaded.state.stock;
    const adjustment = { id: randomUUID(), kind: 'restock' as const, quantity: 5, reason: 'CSV import', by: 'user-farmer-anna', at: new Date().toISOString() };
    const changed = { ...loaded.state, unitPrice: { amount: 777, currency: 'EUR' } };
    const stale = { ...changed, stockMove: { adjustment, expected: available + 1, delta: 5 } };
    await expect(repo.update(stale, loaded.version, [])).rejects.toBeInstanceOf(StockMoved);
    expect(await h.listingDoc(ids.draft4!)).toMatchObject({ version: loaded.version, unitPrice: { amount: 349 }, available, adjustments: [] });
    const right = { ...changed, stockMove: { adjustment, expected: available, delta: 5 } };
    expect(await repo.update(right, loaded.version, [])).toBe('written');
    expect(await h.listingDoc(ids.draft4!)).toMatchObject({
      version: loaded.version + 1,
      unitPrice: { amount: 777 },
      available: available + 5,
      adjustments: [expect.objectContaining({ id: adjustment.id, quantity: 5 })],
    });
  });
});

describe('apply writes its rows in chunks', () => {
  const lena = { farm: '' };
  const newRow = (lot: string, over: Partial<Row> = {}): Partial<Row> => ({
    title: `Spinazie ${lot}`,
    category: 'vegetables',
    unit: 'kg',
    price: '3.10',
    currency: 'EUR',
    available: '25',
    lot_code: lot,
    field: 'Veld 7',
    harvest_date: daysAgo(1),
    best_before: daysAhead(6),
    lot_quantity: '60',
    min_c: '1',
    max_c: '5',
    ...over,
  });
  const newColumns = CSV_COLUMNS.filter((c) => c !== 'listing_id' && c !== 'status');
  const lenaListing = async (title: string) => {
    const r = await h.call('POST', `/farms/${lena.farm}/listings`, 'lena', listingBody({ title }));
    expect(r.status).toBe(201);
    expect((await h.call('POST', `/listings/${r.body.id}/publish`, 'lena')).status).toBe(200);
    return r.body.id as string;
  };

  beforeAll(async () => {
    const farm = await h.call('POST', '/farms', 'lena', farmBody({ name: 'Hoeve Lena' }));
    expect(farm.status).toBe(201);
    lena.farm = farm.body.id;
  });

  it('when one row of a chunk cannot be written as planned (its listing was archived meanwhile) and one is wrong, then the good rows are written with their events and each bad one is refused with its reason', async () => {
    const kept = await lenaListing('Boerenkool (chunk)');
    const archived = await lenaListing('Spruitjes (chunk)');
    const exported = rowsOf(await (await exportCsv('lena', lena.farm)).text());
    const edit = (id: string, price: string) => ({ ...exported.find((r) => r.listing_id === id)!, price });
    const file = csvOf([edit(kept, '4.40'), edit(archived, '5.50'), newRow('CHUNK-NEW'), newRow('CHUNK-BAD', { price: 'free' })]);
    // between the plan and the chunk's write, the farmer archives one of the listings on its page
    const real = ListingRepo.prototype.updateMany;
    const spy = vi.spyOn(ListingRepo.prototype, 'updateMany').mockImplementationOnce(async function (this: ListingRepo, items) {
      expect((await h.call('POST', `/listings/${archived}/archive`, 'lena')).status).toBe(200);
      return real.call(this, items);
    });
    const before = listingEvents().length;
    const applied = await importCsv(file, 'apply', { as: 'lena', farm: lena.farm });
    spy.mockRestore();
    expect(applied.status).toBe(200);
    expect(applied.body.summary).toMatchObject({ rows: 4, create: 1, change: 1, refused: 2 });
    expect(applied.body.rows.map((r) => [r.row, r.action, r.problems.map((p) => [p.column, p.code])])).toEqual([
      [2, 'change', []],
      [3, 'refused', [['status', 'locked']]],
      [4, 'create', []],
      [5, 'refused', [['price', expect.any(String)]]],
    ]);
    expect(await h.listingDoc(kept)).toMatchObject({ status: 'published', unitPrice: { amount: 440 } });
    expect(await h.listingDoc(archived)).toMatchObject({ status: 'archived', unitPrice: { amount: 349 } });
    expect(await h.listingDoc(applied.body.rows[2]!.listingId!)).toMatchObject({ status: 'draft', available: 25, lot: { lotCode: 'CHUNK-NEW' } });
    expect(await h.db.collection('listings').countDocuments({ farmId: lena.farm, 'lot.lotCode': 'CHUNK-BAD' })).toBe(0);
    // the written change announced itself through the outbox; the refused one did not
    await eventually(() =>
      listingEvents()
        .slice(before)
        .some((e) => e.type === 'ftt.catalog.listing.updated.v1' && (e.data as { listingId: string }).listingId === kept),
    );
    const updated = listingEvents()
      .slice(before)
      .filter((e) => e.type === 'ftt.catalog.listing.updated.v1' && (e.data as { listingId: string }).listingId === archived);
    expect(updated.some((e) => (e.data as { unitPrice?: { amount: number } }).unitPrice?.amount === 550)).toBe(false);
  });

  it('when the service stops between two chunks, then every row of the first is whole with its stock and none of the second is there; the same file again creates just the rest', async () => {
    const rows = Array.from({ length: 520 }, (_, i) => newRow(`CRASH-${String(i).padStart(3, '0')}`));
    const file = csvOf(rows, newColumns);
    const real = ListingRepo.prototype.insertMany;
    let chunks = 0;
    const spy = vi.spyOn(ListingRepo.prototype, 'insertMany').mockImplementation(async function (this: ListingRepo, items) {
      if (++chunks > 1) throw new Error('the process stopped here');
      return real.call(this, items);
    });
    const crashed = await importCsv(file, 'apply', { as: 'lena', farm: lena.farm });
    spy.mockRestore();
    expect(crashed.status).toBe(500);
    const docs = await h.db
      .collection('listings')
      .find({ farmId: lena.farm, 'lot.lotCode': { $regex: '^CRASH-' } })
      .toArray();
    expect(docs).toHaveLength(500);
    for (const d of docs) expect(d).toMatchObject({ version: 1, status: 'draft', available: 25, reserved: 0, lot: { quantity: 60 } });
    const again = await importCsv(file, 'apply', { as: 'lena', farm: lena.farm });
    expect(again.status).toBe(200);
    expect(again.body.summary).toMatchObject({ rows: 520, create: 20, unchanged: 500, refused: 0 });
    expect(await h.db.collection('listings').countDocuments({ farmId: lena.farm, 'lot.lotCode': { $regex: '^CRASH-' } })).toBe(520);
    const third = await importCsv(file, 'apply', { as: 'lena', farm: lena.farm });
    expect(third.body.summary).toMatchObject({ create: 0, unchanged: 520 });
  });
});
