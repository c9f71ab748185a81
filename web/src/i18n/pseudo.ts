import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/**
 * The pseudo-locale `en-XA`, made from the English catalog when it is chosen (`?lang=en-XA`): every letter of a
 * message's own text accented ("Ćåŕţ") and the message in brackets, placeholders and plural/select structure kept.
 * A screen in it shows at a glance (and to the browser test) which words did not come from the catalogs: they are
 * the only plain ASCII letters left.
 */
const FROM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const TO = 'åƀçđéƒĝĥïĵķļɱñöþǫŕšţüṽŵẋýžÅƁÇĐÉƑĜĤÏĴĶĻṀÑÖÞǪŔŠŢÜṼŴẊÝŽ';
const MAP = new Map([...FROM].map((c, i) => [c, [...TO][i]!]));

export const accent = (s: string): string => [...s].map((c) => MAP.get(c) ?? c).join('');

const walk = (els: MessageFormatElement[]): MessageFormatElement[] =>
  els.map((el) => {
    if (el.type === TYPE.literal) return { ...el, value: accent(el.value) };
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(el.options).map(([k, o]) => [k, { ...o, value: walk(o.value) }]),
      );
      return { ...el, options } as MessageFormatElement;
    }
    if (el.type === TYPE.tag) return { ...el, children: walk(el.children) };
    return el;
  });

/** One message of the pseudo-locale, as the formatter's parsed form (no printing back to text needed). */
export const pseudoMessage = (message: string): MessageFormatElement[] => [
  { type: TYPE.literal, value: '[' },
  ...walk(parse(message)),
  { type: TYPE.literal, value: ']' },
];

export const pseudoCatalog = (source: Record<string, string>): Record<string, MessageFormatElement[]> =>
  Object.fromEntries(Object.entries(source).map(([k, m]) => [k, pseudoMessage(m)]));
