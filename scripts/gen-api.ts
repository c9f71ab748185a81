/**
 * The web app's API types, generated from the services' OpenAPI documents (what each serves at /openapi.json),
 * built from their route declarations without servers. The web names the schemas it reads and sends, so what is
 * generated is the documents' named schemas (components.schemas, merged: a name means one shape in all three).
 * `pnpm gen:api` writes web/src/api/generated/schemas.ts; `pnpm gen:api --check` fails when it is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { notRunning, serviceDocument, type AuthSettings } from '@ftt/kit';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { catalogApi } from '../services/catalog/src/http/api';
import { logisticsApi } from '../services/logistics/src/http/api';
import { notificationsApi } from '../services/notifications/src/http/api';
import { ordersApi } from '../services/orders/src/http/api';

export const GENERATED_FILE = fileURLToPath(new URL('../web/src/api/generated/schemas.ts', import.meta.url));

const auth = notRunning<AuthSettings>('auth');
const documents = () => ({
  catalog: serviceDocument(catalogApi(auth, notRunning('catalog'))),
  orders: serviceDocument(
    ordersApi(auth, notRunning('orders'), { provider: 'stripe', admit: () => undefined, stripe: undefined }),
  ),
  logistics: serviceDocument(logisticsApi(auth, notRunning('logistics'))),
  notifications: serviceDocument(notificationsApi(auth, notRunning('notifications'))),
});

/** The named schemas of the three documents; a name two services use must mean the same shape. */
export const webSchemas = (): Record<string, unknown> => {
  const merged: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  for (const [service, doc] of Object.entries(documents())) {
    const { schemas } = (doc as { components: { schemas: Record<string, unknown> } }).components;
    for (const [name, schema] of Object.entries(schemas)) {
      if (name in merged && JSON.stringify(merged[name]) !== JSON.stringify(schema)) {
        throw new Error(`${service} and ${from[name]} name different schemas ${name}: rename one`);
      }
      merged[name] = schema;
      from[name] ??= service;
    }
  }
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
};

export const generateApiTypes = async (): Promise<string> => {
  const doc = {
    openapi: '3.1.0',
    info: { title: 'FieldToTable: the schemas of the catalog, orders, logistics and notifications APIs', version: '1.0.0' },
    paths: {},
    components: { schemas: webSchemas() },
  } as OpenAPI3;
  const ast = await openapiTS(doc, { silent: true, enumValues: true, rootTypes: true, rootTypesNoSchemaPrefix: true });
  const header = COMMENT_HEADER.replace(' */', ' * From the services\' OpenAPI documents: run `pnpm gen:api` after changing their schemas.\n */');
  return header + astToString(ast);
};

const main = async () => {
  const text = await generateApiTypes();
  if (!process.argv.includes('--check')) return writeFile(GENERATED_FILE, text);
  if ((await readFile(GENERATED_FILE, 'utf8').catch(() => '')) !== text) {
    console.error('web/src/api/generated/schemas.ts is stale: run pnpm gen:api and commit the result');
    process.exit(1);
  }
};

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
