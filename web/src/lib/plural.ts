/** English plural categories ('one' | 'other'), as the browser's Intl knows them: "1 box", "2 boxes", "0 boxes". */
const rules = new Intl.PluralRules('en-GB');

/** A count with its noun in the right number: counted(1, 'box', 'boxes') is "1 box". */
export const counted = (n: number, one: string, other: string): string =>
  `${n} ${rules.select(n) === 'one' ? one : other}`;

/** Only the noun, in the number `n` asks for. */
export const nounFor = (n: number, one: string, other: string): string =>
  rules.select(n) === 'one' ? one : other;
