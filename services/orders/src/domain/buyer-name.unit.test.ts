import { describe, expect, it } from 'vitest';
import { buyerNameKeys, nameKey } from './buyer-name';

describe("the buyer's name as the back office searches it", () => {
  it('when a name has several words, accents and capitals, then each word starts a key, plain and lower-case', () => {
    expect(buyerNameKeys('Ben  Jansen')).toEqual(['ben jansen', 'jansen']);
    expect(buyerNameKeys('Zoë van der Berg-Émile')).toEqual([
      'zoe van der berg emile',
      'van der berg emile',
      'der berg emile',
      'berg emile',
      'emile',
    ]);
    expect(nameKey('  JANS ')).toBe('jans');
  });
});
