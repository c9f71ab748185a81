/**
 * What one receipt PDF costs (issue #33: the fonts that print Chinese): its size, and the CPU time of rendering it,
 * the first time in a process (fonts read and parsed) and then warm (the median of the runs after it).
 *
 *   tsx bench/pdf-receipt.ts [--runs 50]
 *
 * The receipt is a two-farm order, one farm named in Chinese, rendered by orders' receiptPdf in this process.
 */
import { parseArgs } from 'node:util';
import type { Receipt } from '../services/orders/src/domain/receipts/receipt';
import { receiptPdf } from '../services/orders/src/http/receipt-pdf';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' } } });
const runs = Math.max(2, Number(values.runs));

const tax = (gross: number, rateBps: number) => {
  const net = Math.round((gross * 10_000) / (10_000 + rateBps));
  return { rateBps, gross, net, tax: gross - net };
};
const line = (i: number, title: string, amount: number) => ({ listingId: `l-${i}`, title, quantity: 1 + (i % 3), unit: 'kg', category: 'vegetables', rateBps: 900, amount });
const receipt: Receipt = {
  orderId: '0f8c2d4e-1b7a-4c1e-9d2f-5a6b7c8d9e0f',
  currency: 'EUR',
  market: 'nl',
  sellers: [
    { sellerId: 'farm-anji', sellerName: '浙江安吉白茶合作社', lines: [line(1, '青菜', 640), line(2, '安吉白茶 50 g', 1250)], taxes: [tax(1890, 900)], total: 1890, platformFeeIncluded: 95 },
    { sellerId: 'farm-dehof', sellerName: 'De Hof van Ede', lines: [line(3, 'Winterpeen', 320), line(4, 'Boerenkool', 275), line(5, 'Aardappelen “Bintje”', 410)], taxes: [tax(1005, 900)], total: 1005, platformFeeIncluded: 50 },
  ],
  delivery: tax(990, 2100),
  platformFee: tax(145, 2100),
  taxTotal: 0,
  total: 3885,
};
const doc = {
  receipt,
  issuedAt: new Date('2026-12-07T10:00:00Z'),
  timeZone: 'Europe/Amsterdam',
  numbers: new Map([['farm-anji', 'R-2026-000001'], ['farm-dehof', 'R-2026-000002']]),
  platformNumber: 'P-2026-000001',
};

const cpuMs = async (f: () => Promise<unknown>) => {
  const before = process.cpuUsage();
  await f();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
};

let bytes = 0;
const first = await cpuMs(async () => (bytes = (await receiptPdf(doc, 'en')).length));
const warm: number[] = [];
for (let i = 1; i < runs; i++) warm.push(await cpuMs(() => receiptPdf(doc, 'en')));
warm.sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)]!;
console.log(`receipt PDF: ${bytes} bytes; CPU first render ${first.toFixed(1)} ms, warm median ${median.toFixed(1)} ms (p90 ${warm[Math.floor(warm.length * 0.9)]!.toFixed(1)} ms) over ${runs - 1} runs`);
