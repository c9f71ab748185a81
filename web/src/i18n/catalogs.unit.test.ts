import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import nl from './nl.json';
import zhCN from './zh-CN.json';
import { accent, pseudoCatalog } from './pseudo';

const catalogs: Record<string, Record<string, string>> = { en, nl, 'zh-CN': zhCN };

/**
 * The placeholders of a message ("n", "price", "link:tag"), sorted. A plural or select counts as its value: Chinese
 * writes "{n, number} 盒" where English needs "{n, plural, ...}".
 */
const placeholders = (els: MessageFormatElement[], out = new Set<string>()): string[] => {
  for (const el of els) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    out.add(el.type === TYPE.tag ? `${el.value}:tag` : el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select)
      for (const o of Object.values(el.options)) placeholders(o.value, out);
    if (el.type === TYPE.tag) placeholders(el.children, out);
  }
  return [...out].sort();
};

describe('message catalogs (web/src/i18n)', () => {
  it('when a key is in one language, then it is in every language, and no language has a key English lacks', () => {
    const keys = Object.keys(en).sort();
    for (const [lang, catalog] of Object.entries(catalogs)) {
      const have = Object.keys(catalog);
      expect(keys.filter((k) => !(k in catalog)), `keys missing in ${lang}`).toEqual([]);
      expect(have.filter((k) => !(k in en)), `keys in ${lang} that English does not have`).toEqual([]);
    }
  });

  it('when a message is ICU MessageFormat, then it parses in every language and is not empty', () => {
    const broken: string[] = [];
    for (const [lang, catalog] of Object.entries(catalogs))
      for (const [k, m] of Object.entries(catalog)) {
        try {
          if (parse(m).length === 0 || m.trim() === '') broken.push(`${lang} ${k}: empty`);
        } catch (e) {
          broken.push(`${lang} ${k}: ${(e as Error).message}`);
        }
      }
    expect(broken).toEqual([]);
  });

  it('when English has a placeholder (a value or a tag), then every language has the same ones', () => {
    const differ: string[] = [];
    for (const [k, m] of Object.entries(en)) {
      const want = placeholders(parse(m)).join(' ');
      for (const [lang, catalog] of Object.entries(catalogs)) {
        const got = catalog[k] === undefined ? want : placeholders(parse(catalog[k])).join(' ');
        if (got !== want) differ.push(`${lang} ${k}: [${got}] instead of [${want}]`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('when a plural is counted, then each language says it in its own words (1 and 3 boxes, 1 and 3 bunches)', () => {
    const say = (lang: string, id: string, n: number) =>
      new IntlMessageFormat(catalogs[lang]![id]!, lang === 'en' ? 'en-GB' : lang).format({ n }) as string;
    expect([say('en', 'unit.box', 1), say('en', 'unit.box', 3), say('en', 'unit.bunch', 2)]).toEqual([
      '1 box',
      '3 boxes',
      '2 bunches',
    ]);
    expect([say('nl', 'unit.box', 1), say('nl', 'unit.box', 3), say('nl', 'unit.bunch', 2)]).toEqual([
      '1 doos',
      '3 dozen',
      '2 bossen',
    ]);
    expect([say('zh-CN', 'unit.box', 1), say('zh-CN', 'unit.box', 3)]).toEqual(['1 盒', '3 盒']);
  });

  it('when the pseudo-locale is made, then every message is bracketed, its letters accented and its placeholders kept', () => {
    const pseudo = pseudoCatalog(en);
    expect(Object.keys(pseudo)).toEqual(Object.keys(en));
    const text = (id: string, values?: Record<string, unknown>) =>
      new IntlMessageFormat(pseudo[id]!, 'en-GB').format(values as never) as string;
    expect(text('unit.box', { n: 3 })).toBe(`[3 ${accent('boxes')}]`);
    expect(text('status.picked_up')).toMatch(/^\[[^A-Za-z]+\]$/);
    expect(accent('Cart')).not.toMatch(/[A-Za-z]/);
    for (const [id, els] of Object.entries(pseudo))
      expect([els[0], els.at(-1)], id).toEqual([
        { type: TYPE.literal, value: '[' },
        { type: TYPE.literal, value: ']' },
      ]);
  });
});
