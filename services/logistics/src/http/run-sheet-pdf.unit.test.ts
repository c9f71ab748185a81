import { pdfLines } from '@ftt/kit/testing/pdf';
import { describe, expect, it } from 'vitest';
import type { Run } from '../domain/runs/run';
import { runSheetPdf } from './run-sheet-pdf';

const address = { line1: '文三路 90 号', city: '杭州市', postalCode: '310012', country: 'CN', geo: { lat: 30.28, lng: 120.13 } };

const run: Run = {
  runId: 'run-1',
  region: '浙江',
  day: '2026-12-10',
  status: 'claimed',
  partnerId: 'partner-1',
  stops: [
    { seq: 0, kind: 'pickup', key: 'farm:anji', label: '浙江安吉白茶合作社', address: { ...address, line1: '溪龙乡 1 号', city: '安吉县' }, at: { lat: 30.6, lng: 119.7 }, eta: '08:00', shipmentIds: ['s-1'], status: 'pending', skipped: [] },
    { seq: 1, kind: 'drop', key: 'home:310012|文三路 90 号', label: '文三路 90 号', address, at: { lat: 30.28, lng: 120.13 }, contact: '王芳', eta: '09:30', shipmentIds: ['s-1'], status: 'pending', skipped: [] },
  ],
  next: 0,
  shipmentIds: ['s-1'],
  lengthKm: 72,
  naiveLengthKm: 72,
  lateMinutes: 0,
  createdAt: '2026-12-09T10:00:00Z',
  updatedAt: '2026-12-09T10:00:00Z',
};

describe('the run sheet PDF', () => {
  it('when the farm, the recipient and the addresses are in Chinese, then the sheet prints them as written', async () => {
    const lines = pdfLines(await runSheetPdf(run, new Map([['s-1', { minC: 0, maxC: 6 }]])));
    expect(lines).toContain('Run sheet - 浙江, Thursday 10 December 2026');
    expect(lines).toContain('1. 08:00  PICK UP 1 box at 浙江安吉白茶合作社');
    expect(lines).toContain('溪龙乡 1 号, 310012 安吉县');
    expect(lines).toContain('2. 09:30  DROP 1 box at 文三路 90 号');
    expect(lines).toContain('文三路 90 号, 310012 杭州市  for 王芳');
    expect(lines).toContain('Keep between 0 and 6 °C');
    expect(lines.join('\n')).not.toContain('?');
  });
});
