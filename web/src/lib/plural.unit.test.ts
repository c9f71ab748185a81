import { describe, expect, it } from 'vitest';
import { quantityText } from './format';
import { counted, nounFor } from './plural';

describe('plurals', () => {
  it('when a count is one, then the noun is singular; otherwise (0, 2, 1.5) plural', () => {
    expect([0, 1, 2, 1.5].map((n) => counted(n, 'box', 'boxes'))).toEqual([
      '0 boxes',
      '1 box',
      '2 boxes',
      '1.5 boxes',
    ]);
    expect(nounFor(1, 'period', 'periods')).toBe('period');
  });
  it('when a quantity has a unit, then the unit is in the right number', () => {
    expect([
      quantityText(2, 'bunch'),
      quantityText(1, 'bunch'),
      quantityText(3, 'kg'),
      quantityText(2, 'dozen'),
    ]).toEqual(['2 bunches', '1 bunch', '3 kg', '2 dozen']);
  });
});
