/**
 * The web app's API types, generated from the services' OpenAPI documents (what each serves at /openapi.json),
 * built from their route declarations without servers. The web names the schemas it reads and sends, so what is
 * generated is the documents' named schemas (components.schemas, merged: a name means one shape in all of them).
 * `pnpm gen:api` writes web/src/api/generated/schemas.ts; `pnpm gen:api --check` fails when it is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { notRunning, serviceDocument, type AuthSettings } from '@ftt/kit';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { catalogApi } from '../services/catalog/src/http/api';
import { identityApi } from '../services/identity/src/http/api';
import { logisticsApi } from '../services/logistics/src/http/api';
import { notificationsApi } from '../services/notifications/src/http/api';
import { ordersApi } from '../services/orders/src/http/api';
// what a form control can check before sending: the web app's type, which the limits written here must fit
import type { FieldLimit } from '../web/src/api/limits';

export const GENERATED_FILE = fileURLToPath(new URL('../web/src/api/generated/schemas.ts', import.meta.url));
export const LIMITS_FILE = fileURLToPath(new URL('../web/src/api/generated/limits.ts', import.meta.url));

const auth = notRunning<AuthSettings>('auth');
const documents = () => ({
  catalog: serviceDocument(catalogApi(auth, notRunning('catalog'))),
  orders: serviceDocument(
    ordersApi(auth, notRunning('orders'), { provider: 'stripe', admit: () => undefined, stripe: undefined }),
  ),
  logistics: serviceDocument(logisticsApi(auth, notRunning('logistics'))),
  notifications: serviceDocument(notificationsApi(auth, notRunning('notifications'))),
  identity: serviceDocument(identityApi(auth, notRunning('identity'), notRunning('identity'))),
});

/** The named schemas of the services' documents; a name two services use must mean the same shape. */
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
    info: { title: 'FieldToTable: the schemas of the catalog, orders, logistics, notifications and identity APIs', version: '1.0.0' },
    paths: {},
    components: { schemas: webSchemas() },
  } as OpenAPI3;
  const ast = await openapiTS(doc, { silent: true, enumValues: true, rootTypes: true, rootTypesNoSchemaPrefix: true });
  const header = COMMENT_HEADER.replace(' */', ' * From the services\' OpenAPI documents: run `pnpm gen:api` after changing their schemas.\n */');
  return header + astToString(ast);
};


type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  // false after a closed tuple's prefixItems
  items?: JsonSchema | false;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
} & FieldLimit;

/**
 * A browser compiles a pattern attribute with the v flag, where a character class must escape ( ) [ ] { } / | and a
 * literal -. The schema's pattern (written for u) is rewritten so; one that still does not compile is left out (a
 * pattern the browser cannot compile is a console error and checks nothing).
 */
export const htmlPattern = (pattern: string): string | undefined => {
  const body = pattern.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      out += c + (body[i + 1] ?? '');
      i++;
    } else if (!inClass && c === '[') {
      inClass = true;
      out += c;
      if (body[i + 1] === '^') out += body[++i];
    } else if (inClass && c === ']') {
      inClass = false;
      out += c;
    } else if (inClass && '()[{}/|'.includes(c)) out += `\\${c}`;
    else if (inClass && c === '-' && (/[[^]/.test(body[i - 1] ?? '') || body[i + 1] === ']')) out += '\\-';
    else out += c;
  }
  try {
    new RegExp(`^(?:${out})$`, 'v');
    return out;
  } catch {
    return undefined;
  }
};

/** Numbers past this are the schema's "any safe integer" bound, not a limit a person meets. */
const HUGE = 1e12;

const limitsOf = (schema: JsonSchema | undefined, refs: Record<string, JsonSchema>, at: string, out: Record<string, FieldLimit>, depth = 0): void => {
  if (!schema || depth > 8) return;
  if (schema.$ref) return limitsOf(refs[schema.$ref.split('/').pop()!], refs, at, out, depth + 1);
  for (const s of [...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) limitsOf(s, refs, at, out, depth + 1);
  if (schema.properties) {
    for (const [k, v] of Object.entries(schema.properties)) limitsOf(v, refs, at ? `${at}.${k}` : k, out, depth + 1);
    return;
  }
  // a tuple's places share one key, as an array's items do (the web's fields are per kind of value, not per place)
  for (const item of schema.prefixItems ?? []) limitsOf(item, refs, `${at}.*`, out, depth + 1);
  if (schema.items) return limitsOf(schema.items, refs, `${at}.*`, out, depth + 1);
  if (schema.prefixItems) return;
  const limit: FieldLimit = {};
  if (schema.minLength !== undefined) limit.minLength = schema.minLength;
  if (schema.maxLength !== undefined) limit.maxLength = schema.maxLength;
  if (schema.minimum !== undefined && Math.abs(schema.minimum) < HUGE) limit.minimum = schema.minimum;
  if (schema.maximum !== undefined && Math.abs(schema.maximum) < HUGE) limit.maximum = schema.maximum;
  // a date or date-time has an input type of its own; its long pattern would only repeat it
  const pattern = schema.pattern && !schema.format ? htmlPattern(schema.pattern) : undefined;
  if (pattern) limit.pattern = pattern;
  if (Object.keys(limit).length && at) out[at] = { ...out[at], ...limit };
};

/**
 * The limits of every request body and query the services accept, by `service METHOD path` (a named body also by
 * its schema name), field paths dotted: what the web's inputs use as maxlength/min/max/pattern.
 */
export const webLimits = (): Record<string, Record<string, FieldLimit>> => {
  const all: Record<string, Record<string, FieldLimit>> = {};
  for (const [service, doc] of Object.entries(documents())) {
    const d = doc as unknown as {
      components: { schemas: Record<string, JsonSchema> };
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> }; parameters?: { in: string; name: string; schema: JsonSchema }[] }>>;
    };
    const refs = d.components.schemas;
    for (const [path, ops] of Object.entries(d.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const key = `${service} ${method.toUpperCase()} ${path}`;
        const body = op.requestBody?.content['application/json']?.schema;
        if (body) {
          const out: Record<string, FieldLimit> = {};
          limitsOf(body, refs, '', out);
          if (Object.keys(out).length) {
            all[key] = out;
            if (body.$ref) all[body.$ref.split('/').pop()!] = out;
          }
        }
        const query: Record<string, FieldLimit> = {};
        for (const p of op.parameters ?? []) if (p.in === 'query') limitsOf(p.schema, refs, p.name, query);
        if (Object.keys(query).length) all[`${key} query`] = query;
      }
    }
  }
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
};

export const generateLimits = (): string =>
  [
    '/**',
    " * The limits of the services' request bodies and queries, from their OpenAPI documents (maxLength, minimum,",
    ' * maximum, pattern): run `pnpm gen:api` after changing their schemas. Do not edit by hand.',
    ' */',
    '',
    `export const limits = ${JSON.stringify(webLimits(), null, 2)} as const;`,
    '',
  ].join('\n');

const main = async () => {
  const files = [
    { file: GENERATED_FILE, text: await generateApiTypes() },
    { file: LIMITS_FILE, text: generateLimits() },
  ];
  if (!process.argv.includes('--check')) {
    for (const f of files) await writeFile(f.file, f.text);
    return;
  }
  for (const f of files) {
    if ((await readFile(f.file, 'utf8').catch(() => '')) !== f.text) {
      console.error(`${f.file} is stale: run pnpm gen:api and commit the result`);
      process.exit(1);
    }
  }
};

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
