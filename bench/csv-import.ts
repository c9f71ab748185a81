/**
 * The catalog CSV import bench (issue #33): one farm imports a file of 5,000 listings through catalog's HTTP API, the
 * service running as its own process (compiled, as deployed) on Kafka and the database server.
 *
 *   pnpm bench:csv-import [--rows 5000] [--runtime dist|tsx] [--keep]
 *
 * Measures, each as one request from sending the file to the answer:
 *   1. preview of a file of new listings (nothing written) and its apply (every row a new draft with its stock);
 *   2. the export of the farm's catalog;
 *   3. preview and apply of the export with every price changed (the listings published first, so every row writes
 *      the listing and its listing.updated event through the outbox);
 *   4. the same file applied again (every row unchanged: nothing written).
 * See bench/README.md ("CSV import").
 */
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { testEnv, token } from '@ftt/kit/testing';
import { root, ServiceProcess } from '../test/support/system';
import { benchArgs, numberOption, prepareServices, RUNTIME_HELP, runtimeOption, serversAnswer, startingMachine } from './lib/run';
import { gitInfo, saveJsonFile } from './lib/run-info';
import { cleanupRun } from './lib/system';

const HELP = `pnpm bench:csv-import [options]

  --rows <n>           rows in the file (default 5000; catalog takes at most 10000)
  --out <file.json>    result file (default bench/results/csv-import-<timestamp>.json)
${RUNTIME_HELP}
  --keep               keep the run's database and topics`;

const a = benchArgs(HELP, { rows: { type: 'string', default: '5000' }, out: { type: 'string' } });
const rows = Math.round(numberOption('rows', a.rows, 1, 10_000));
const runtime = runtimeOption(a.runtime);
const startedAt = new Date();
const outJson = a.out ?? join(root, 'bench', 'results', `csv-import-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
const log = (line: string) => console.log(line);

const farmer = { userId: 'user-farmer-bench', role: 'farmer', name: 'Bench Farmer' } as const;
const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
const TITLES = ['Winterpeen', 'Boerenkool', '有机胡萝卜', 'Spruitjes', 'Knolselderij', '小白菜', 'Aardappelen “Bintje”'];
const UNITS = ['kg', 'bunch', 'piece', 'crate'];

/** A file of new listings, as a farmer would fill one in a spreadsheet. */
const newListingsCsv = (n: number) =>
  stringify(
    Array.from({ length: n }, (_, i) => ({
      title: `${TITLES[i % TITLES.length]} ${i + 1}`,
      category: 'vegetables',
      description: `Partij ${i + 1}, geoogst op het noordveld; gewassen`,
      unit: UNITS[i % UNITS.length],
      price: (1 + (i % 900) / 100).toFixed(2),
      currency: 'EUR',
      available: String(50 + (i % 200)),
      lot_code: `BENCH-${String(i + 1).padStart(5, '0')}`,
      field: `Veld ${1 + (i % 12)}`,
      harvest_date: day(-(i % 5)),
      best_before: day(20),
      lot_quantity: String(200 + (i % 300)),
      min_c: '1',
      max_c: '6',
    })),
    { header: true },
  );

const main = async (): Promise<number> => {
  const t = testEnv('csv-import');
  if (!(await serversAnswer(t))) return 2;
  startingMachine(log);
  await prepareServices(runtime, log);
  const catalog = new ServiceProcess('catalog', t, { LOG_LEVEL: a['log-level'] });
  try {
    await catalog.start();
    const bearer = `Bearer ${await token(t, farmer)}`;
    const call = async (method: string, path: string, body?: string, type = 'application/json') => {
      const res = await fetch(catalog.url + path, {
        method,
        headers: { authorization: bearer, ...(body !== undefined ? { 'content-type': type } : {}) },
        ...(body !== undefined ? { body } : {}),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
      return text;
    };
    const farm = JSON.parse(
      await call(
        'POST',
        '/farms',
        JSON.stringify({
          name: 'Bench Hoeve',
          address: { line1: 'Bosweg 1', city: 'Ede', postalCode: '6711 AB', country: 'NL', geo: { lat: 52.04, lng: 5.66 } },
          region: 'Gelderland',
        }),
      ),
    ) as { id: string };
    const timed = async <T>(label: string, f: () => Promise<T>) => {
      const t0 = performance.now();
      const r = await f();
      const ms = performance.now() - t0;
      log(`${label.padEnd(58)} ${(ms / 1000).toFixed(2).padStart(7)} s`);
      return { r, ms };
    };
    type Report = { summary: Record<string, number> };
    const importCsv = (file: string, mode: 'preview' | 'apply') =>
      call('POST', `/farms/${farm.id}/listings/import?mode=${mode}`, file, 'text/csv').then((s) => JSON.parse(s) as Report);
    const expectSummary = (r: Report, want: Record<string, number>) => {
      for (const [k, v] of Object.entries(want))
        if (r.summary[k] !== v) throw new Error(`expected ${k} ${v}, got ${JSON.stringify(r.summary)}`);
    };

    const created = newListingsCsv(rows);
    log(`a file of ${rows} new listings: ${(Buffer.byteLength(created) / 1024).toFixed(0)} KB`);
    const p1 = await timed(`preview, ${rows} new listings`, () => importCsv(created, 'preview'));
    expectSummary(p1.r, { create: rows, refused: 0 });
    const a1 = await timed(`apply, ${rows} new listings (drafts)`, () => importCsv(created, 'apply'));
    expectSummary(a1.r, { create: rows, refused: 0 });

    // published, so that a price change is announced (listing.updated through the outbox): set-up, not measured
    const ids = (parse(await call('GET', `/farms/${farm.id}/listings.csv`), { bom: true, columns: true }) as { listing_id: string }[]).map((r) => r.listing_id);
    for (let i = 0; i < ids.length; i += 8) await Promise.all(ids.slice(i, i + 8).map((id) => call('POST', `/listings/${id}/publish`)));

    const ex = await timed(`export, ${rows} listings`, () => call('GET', `/farms/${farm.id}/listings.csv`));
    const exported = parse(ex.r, { bom: true, columns: true }) as Record<string, string>[];
    for (const r of exported) r.price = (Number(r.price) + 0.1).toFixed(2);
    const changed = stringify(exported, { header: true, columns: Object.keys(exported[0]!) });
    const p2 = await timed(`preview, ${rows} price changes`, () => importCsv(changed, 'preview'));
    expectSummary(p2.r, { change: rows, refused: 0 });
    const a2 = await timed(`apply, ${rows} price changes (published: listing.updated each)`, () => importCsv(changed, 'apply'));
    expectSummary(a2.r, { change: rows, refused: 0 });
    const a3 = await timed(`apply the same file again (${rows} unchanged)`, () => importCsv(changed, 'apply'));
    expectSummary(a3.r, { unchanged: rows });

    const result = {
      bench: 'csv-import',
      startedAt: startedAt.toISOString(),
      git: gitInfo(root),
      runtime,
      rows,
      ms: {
        previewCreate: Math.round(p1.ms),
        applyCreate: Math.round(a1.ms),
        export: Math.round(ex.ms),
        previewChange: Math.round(p2.ms),
        applyChange: Math.round(a2.ms),
        applyUnchanged: Math.round(a3.ms),
      },
      rowsPerSecond: { applyCreate: Math.round(rows / (a1.ms / 1000)), applyChange: Math.round(rows / (a2.ms / 1000)) },
    };
    saveJsonFile(outJson, result);
    log(`result: ${outJson}`);
    return 0;
  } finally {
    await catalog.stop();
    if (!a.keep) {
      const problems = await cleanupRun(t, ['catalog']);
      for (const p of problems) log(`cleanup: ${p}`);
    }
  }
};

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
