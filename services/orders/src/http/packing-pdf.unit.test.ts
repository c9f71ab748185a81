import { pdfFontNames, pdfLines, pdfTitle } from '@ftt/kit/testing/pdf';
import { describe, expect, it } from 'vitest';
import { packingPdf } from './packing-pdf';

describe('the packing list PDF', () => {
  it('when the farm, its produce and a drop are named in Chinese, then the list prints them as written', async () => {
    const pdf = await packingPdf({
      farmName: '浙江安吉白茶合作社',
      day: '2026-12-10',
      lines: [{ title: '青菜', lotCode: 'AJ-2026-07', quantity: 3, unit: 'kg' }],
      orders: [
        {
          orderId: '9a1b2c3d-0000-4000-8000-000000000001',
          buyerName: '王芳',
          drop: '杭州市西湖区文三路 90 号',
          lines: [{ title: '青菜', quantity: 3, unit: 'kg', lotCode: 'AJ-2026-07' }],
        },
      ],
    });
    const lines = pdfLines(pdf);
    expect(lines).toEqual([
      'Packing list - 2026-12-10',
      '浙江安吉白茶合作社 - 1 box',
      'To harvest and pack, per lot',
      '[ ]  3 kg  青菜   lot AJ-2026-07',
      'Per box',
      '王芳 - order 9a1b2c3d - to 杭州市西湖区文三路 90 号',
      '3 kg  青菜  (lot AJ-2026-07)',
    ]);
    expect(pdfTitle(pdf)).toBe('Packing list 浙江安吉白茶合作社 2026-12-10');
    expect(pdfFontNames(pdf).every((f) => /^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/.test(f))).toBe(true);
  });

  it('when a name holds a character the fonts lack or a line break, then it prints "?" there and the rest as written', async () => {
    const pdf = await packingPdf({ farmName: 'Hof 🍎 van\nEde', day: '2026-12-10', lines: [], orders: [] });
    expect(pdfLines(pdf)).toContain('Hof ? van?Ede - 0 boxes');
  });
});
