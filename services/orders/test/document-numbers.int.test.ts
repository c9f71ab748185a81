import { connectMongo } from '@ftt/kit';
import { testEnv } from '@ftt/kit/testing';
import type { Connection, mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentNumberRepo } from '../src/data/document-numbers';
import { invoiceSeries } from '../src/domain/receipts/company';
import { documentNumber, periodOf } from '../src/domain/receipts/numbering';

/** Issue #33: receipt, invoice and credit note numbers per seller and period never repeat or skip, under concurrency. */
const t = testEnv('document-numbers');
let db: Connection;
let numbers: DocumentNumberRepo;

beforeAll(async () => {
  db = await connectMongo(t.mongoUrl);
  numbers = new DocumentNumberRepo(
    db.collection('document_numbers') as unknown as mongo.Collection<mongo.Document>,
  );
});
afterAll(async () => {
  await db.dropDatabase();
  await db.close();
});

describe('document numbers per seller and period', () => {
  it('when 50 documents of one seller are numbered at once, then they get 50 distinct consecutive numbers from 1', async () => {
    const started = Date.now();
    const got = await Promise.all(
      Array.from({ length: 50 }, (_, i) => numbers.numberFor('farm-a', '2026-12', `ord-${i}`)),
    );
    expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // asked again (a retried request, a second download), each keeps its number and none is taken
    const again = await Promise.all(
      Array.from({ length: 50 }, (_, i) => numbers.numberFor('farm-a', '2026-12', `ord-${i}`)),
    );
    expect(again).toEqual(got);
    expect(await numbers.numberFor('farm-a', '2026-12', 'ord-new')).toBe(51);
    console.info(`document numbers: 50 concurrent numberings in ${Date.now() - started} ms`);
  });

  it('when 50 invoices of one seller and month are numbered at once, then their series gives 50 distinct consecutive numbers, apart from its receipts', async () => {
    const series = invoiceSeries('farm-inv');
    const [invoices] = await Promise.all([
      Promise.all(Array.from({ length: 50 }, (_, i) => numbers.numberFor(series, '2026-12', `ord-${i}`))),
      // the same orders' receipts at the same time: another series, counted on its own
      Promise.all(Array.from({ length: 50 }, (_, i) => numbers.numberFor('farm-inv', '2026-12', `ord-${i}`))),
    ]);
    expect([...invoices].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(invoices.map((n) => documentNumber(series, '2026-12', n))).size).toBe(50);
    expect(documentNumber(series, '2026-12', 1)).toBe('FARM-INV-INV-2026-12-00001');
  });

  it('when two sellers or two periods number at once, then each counts on its own', async () => {
    const [a, b, c] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, (_, i) => numbers.numberFor('farm-b', '2026-12', `x-${i}`))),
      Promise.all(Array.from({ length: 10 }, (_, i) => numbers.numberFor('farm-c', '2026-12', `x-${i}`))),
      Promise.all(Array.from({ length: 10 }, (_, i) => numbers.numberFor('farm-b', '2027-01', `x-${i}`))),
    ]);
    for (const got of [a, b, c])
      expect([...got].sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  });

  it('when a number is written out, then it names the seller, the period in the market’s time zone and the number', () => {
    expect(documentNumber('farm-a', '2026-12', 17)).toBe('FARM-A-2026-12-00017');
    // 23:30 UTC on 31 December is already January in Amsterdam
    expect(periodOf(new Date('2026-12-31T23:30:00Z'), 'Europe/Amsterdam')).toBe('2027-01');
  });
});
