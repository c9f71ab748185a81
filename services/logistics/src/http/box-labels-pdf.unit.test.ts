import { pdfLines } from '@ftt/kit/testing/pdf';
import { describe, expect, it } from 'vitest';
import type { BoxLabel } from '../domain/labels/box-label';
import { boxLabelsPdf } from './box-labels-pdf';

const label: BoxLabel = {
  serial: 'FTT-7K2M-9QXA',
  addressee: '王芳',
  drop: 'home',
  day: '2026-12-10',
  farmName: '浙江安吉白茶合作社',
  lines: [{ quantity: 3, unit: 'kg', title: '青菜', lotCode: 'AJ-2026-07' }],
  coldChain: { minC: 0, maxC: 6 },
  url: 'http://127.0.0.1:5173/01/09506000134352/10/AJ-2026-07/21/FTT-7K2M-9QXA',
};

describe('the box labels PDF', () => {
  it('when the buyer, the farm and the produce are named in Chinese, then the label prints them as written', async () => {
    for (const format of ['label', 'a4'] as const) {
      const lines = pdfLines(await boxLabelsPdf([label], format, '箱标 2026-12-10'));
      expect(lines).toContain('王芳');
      expect(lines).toContain('From 浙江安吉白茶合作社');
      expect(lines).toContain('3 kg  青菜');
      expect(lines).toContain('lot AJ-2026-07');
      expect(lines).toContain('KEEP AT 0 - 6 °C');
      expect(lines.join('\n')).not.toContain('?');
    }
  });
});
