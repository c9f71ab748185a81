// Writes generated/schemas/*.json and generated/asyncapi.json from the zod schemas.
// `pnpm contracts:generate` after changing a schema; the contracts test fails while they are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asyncApiDocument, eventDefinitions, eventJsonSchema } from '../src/index';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'generated');
mkdirSync(join(out, 'schemas'), { recursive: true });
for (const def of eventDefinitions) {
  writeFileSync(join(out, 'schemas', `${def.type}.json`), JSON.stringify(eventJsonSchema(def.type), null, 2) + '\n');
}
writeFileSync(join(out, 'asyncapi.json'), JSON.stringify(asyncApiDocument(), null, 2) + '\n');
console.log(`wrote ${eventDefinitions.length} JSON Schemas and asyncapi.json to ${out}`);
