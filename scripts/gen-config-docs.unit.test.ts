import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { baseConfigSchema } from '@ftt/kit';
import { describe, expect, it } from 'vitest';
import { DOCUMENTS, regenerated } from './gen-config-docs';

describe('the configuration tables of the docs', () => {
  it.each(Object.keys(DOCUMENTS))(
    'when a config schema or its comments change, then %s must be regenerated (pnpm gen:config-docs)',
    async (path) => {
      expect(await readFile(fileURLToPath(new URL(`../${path}`, import.meta.url)), 'utf8')).toBe(await regenerated(path));
    },
  );

  it('when a setting is shared, then it is declared once, in the kit: no service schema declares a base variable again', () => {
    const shared = Object.keys(baseConfigSchema.shape);
    for (const tables of Object.values(DOCUMENTS))
      for (const t of tables) {
        if (t.id === 'kit') continue;
        expect(Object.keys(t.schema.shape).filter((name) => shared.includes(name)), t.id).toEqual([]);
      }
  });
});
