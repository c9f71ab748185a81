import { mailCatalogs, type Catalogs } from '@ftt/kit/mail-intl';
import en from './en.json';
import nl from './nl.json';
import zhCN from './zh-CN.json';

/** notifications' words: one ICU MessageFormat catalog per language, every one with the keys of the English one. */
export type MessageKey = keyof typeof en;
export const CATALOGS: Catalogs<MessageKey> = { en, nl, zh: zhCN };

/** The words and formats (money, days, lists) of one language. */
export const wordsFor = mailCatalogs(CATALOGS);
