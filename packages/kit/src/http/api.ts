import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../errors';
import { AUDIENCES, requireAudience, type Audience } from '../access';
import { verifyToken, type AuthSettings, type Principal } from '../auth';
import { zodIssues } from './error-handler';
import { closeTuples } from './json-schema-tuples';
import { ProblemSchema } from './problem';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A reply with a status or headers other than the route's default. */
export class Reply<T = unknown> {
  constructor(
    readonly status: number,
    readonly body: T,
    /** An array sends the header once per value (Set-Cookie). */
    readonly headers: Record<string, string | readonly string[]> = {},
  ) {}
}

export interface HandlerInput<P, Q, B, A> {
  params: P;
  query: Q;
  body: B;
  principal: A;
  headers: Request['headers'];
  rawBody: Buffer | undefined;
  requestId: string;
  /** The client's address for per-client limits: the socket's, or X-Forwarded-For's from a TRUST_PROXY peer. */
  ip: string | undefined;
}

/** A route's own check of the caller (a device's credentials): what it returns is the handler's principal. */
export type Authenticate<A> = (headers: Request['headers']) => Promise<A>;

export interface RouteSpec<P, Q, B, A> {
  method: Method;
  path: string;
  summary: string;
  tags?: readonly string[];
  /**
   * Who the route is for (access.ts: members of a farm, of a partner, buyers, operators); operators always are. The
   * route's own checks then ask for the membership of the very farm or partner. 'public' needs no token; 'optional' needs none and reads one that is sent (the
   * principal; undefined without a valid one, so a stale token still gets the public page: a page that shows its
   * owner more); a function checks other credentials (401 when
   * it throws). Either way the caller is checked before the body is read or parsed.
   */
  auth: readonly Audience[] | 'public' | 'optional' | Authenticate<A>;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /**
   * Keep the raw body (for signature checks such as Stripe webhooks, or an uploaded file); `body` is then not parsed.
   * An upload names the media types it accepts and its size limit (default 1 MB).
   */
  raw?: boolean | { types: readonly string[]; limit: string };
  /** Request headers the handler reads; `schema` (what the handler accepts) is documented in the OpenAPI. */
  headers?: Record<string, { required: boolean; description: string; schema?: z.ZodType }>;
  status?: number;
  /**
   * Other success statuses the handler returns through `Reply`, with the same response schema (e.g. 200
   * when an idempotent create repeats an earlier one), so that the OpenAPI documents every reply.
   */
  alsoStatus?: number[];
  response?: z.ZodType;
  /** Media type of a success reply when not plain JSON (e.g. 'text/csv', 'application/pdf'); a string or bytes result is sent as is. */
  contentType?: string;
  errors?: number[];
  handler: (input: HandlerInput<P, Q, B, A>) => Promise<unknown>;
}

interface OpenApiOperation {
  method: Method;
  path: string;
  operation: Record<string, unknown>;
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** A JSON Schema of zod's, and the named schemas (zod's `.meta({ id })`) it refers to by `#/$defs/<id>`. */
type JsonSchema = Record<string, unknown> & { $defs?: Record<string, JsonSchema> };

const toComponentRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toComponentRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : toComponentRefs(v),
    ]),
  );
};

/**
 * Named schemas, shared by every operation of a document: a schema given an id with zod's `.meta({ id: 'Order' })`
 * is described once under components.schemas and referred to, so clients generate one named type per view.
 */
class SchemaComponents {
  readonly schemas: Record<string, unknown> = {};

  /** The JSON Schema of a zod schema, its named parts (and itself, when named) moved to components. */
  of(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
    const {
      $schema: _ignored,
      $defs,
      ...root
    } = closeTuples(z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }), io) as JsonSchema;
    for (const [id, def] of Object.entries($defs ?? {})) this.add(id, def);
    const id = typeof root.id === 'string' ? root.id : undefined;
    return id ? this.add(id, root) : (toComponentRefs(root) as Record<string, unknown>);
  }

  private add(id: string, def: JsonSchema): { $ref: string } {
    const { id: _id, ...rest } = def;
    const described = JSON.stringify(toComponentRefs(rest));
    const known = this.schemas[id];
    if (known !== undefined && JSON.stringify(known) !== described) {
      // A request schema and a response schema named alike (defaults and unknown keys differ between the two).
      throw new Error(`two different schemas are named ${id}: name a request schema apart from its view`);
    }
    this.schemas[id] = JSON.parse(described);
    return { $ref: `#/components/schemas/${id}` };
  }
}


/** The problem+json replies every operation may give, described once and referred to by each operation. */
const problemResponses = Object.fromEntries(
  Object.entries({
    Invalid: 'invalid input, naming the field',
    TooLarge: 'body too large',
    NotJson: 'body not sent as application/json',
    Unauthenticated: 'missing, expired or forged token',
    Forbidden: 'not a member (of this farm or partner) with a role that may do this, or not the owner',
    Problem: 'see detail',
  }).map(([name, description]) => [
    name,
    { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
  ]),
);
const problemReply = (name: 'Invalid' | 'TooLarge' | 'NotJson' | 'Unauthenticated' | 'Forbidden' | 'Problem') => ({ $ref: `#/components/responses/${name}` });

/**
 * Most JSON values (objects, arrays and scalars) one request body may hold. zod reports every wrong
 * element of an array, and building an issue costs tens of microseconds: a 100 kB body of 50,000
 * wrong elements held the event loop for seconds. The largest real body (an order of 50 lines) has a
 * few hundred values; past this bound the body is refused before zod sees it.
 */
export const MAX_BODY_VALUES = 2_000;

const tooManyValues = (root: unknown): boolean => {
  let seen = 0;
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (++seen > MAX_BODY_VALUES) return true;
    if (v !== null && typeof v === 'object') {
      for (const child of Object.values(v)) stack.push(child);
    }
  }
  return false;
};

/** JSON bodies, parsed per route once the caller is known; the exact bytes are kept for signature checks. */
const jsonParser = (limit: string): express.RequestHandler =>
  express.json({
    limit,
    strict: true,
    type: ['application/json', 'application/*+json'],
    verify: (req, _res, buf) => {
      (req as { rawBody?: Buffer }).rawBody = buf;
    },
  });

/** Content on the wire (a POST without a body carries Content-Length: 0, which is none). */
const sentContent = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

const parsePart = <T>(schema: z.ZodType<T> | undefined, value: unknown, part: string): T => {
  if (!schema) return undefined as T;
  if (part === 'body' && tooManyValues(value)) {
    throw new DomainError('body.invalid', 'invalid body', [
      { field: 'body', message: `more than ${MAX_BODY_VALUES} values in one body` },
    ]);
  }
  const r = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (!r.success) throw new DomainError(`${part}.invalid`, `invalid ${part}`, zodIssues(r.error, part));
  return r.data;
};

const DEFAULT_BODY_LIMIT = '100kb';

/**
 * One definition per route: the zod schemas validate the request at the edge AND generate the
 * OpenAPI 3.1 document, so the two can never drift apart. Handlers get typed, validated input
 * and never see req.
 */
export class Api {
  readonly router: Router = express.Router();
  private readonly ops: OpenApiOperation[] = [];
  private readonly components = new SchemaComponents();
  private json = jsonParser(DEFAULT_BODY_LIMIT);

  constructor(
    private readonly info: { title: string; version: string; description?: string },
    private readonly auth: AuthSettings,
  ) {}

  /** The size limit of JSON bodies (the service's BODY_LIMIT). */
  limitBodies(limit: string): void {
    this.json = jsonParser(limit);
  }

  route<P = undefined, Q = undefined, B = undefined, A = Principal>(spec: RouteSpec<P, Q, B, A>): this {
    // Who calls comes first: a stranger learns nothing about what a body should look like (401, not 400 or 413),
    // and no body of theirs is read.
    const authenticate = async (req: Request, res: Response, next: NextFunction) => {
      try {
        res.locals.principal = await this.caller(spec.auth, req.headers);
        next();
      } catch (err) {
        next(err);
      }
    };
    const read: express.RequestHandler = spec.raw
      ? express.raw({ type: '*/*', limit: spec.raw === true ? '1mb' : spec.raw.limit })
      : (req, res, next) => this.json(req, res, next);
    const handlers: express.RequestHandler[] = [authenticate, read];
    handlers.push(async (req: Request, res: Response, next: NextFunction) => {
      try {
        const principal = res.locals.principal as A;
        // Content the JSON parser skipped (text/plain, a form...) is refused, not read as "no body": a
        // route whose body is optional would otherwise act on defaults and drop what the client sent.
        if (
          spec.body &&
          !spec.raw &&
          sentContent(req) &&
          !req.is(['application/json', 'application/*+json'])
        ) {
          throw Object.assign(new Error('send the body as application/json'), { status: 415 });
        }
        const input: HandlerInput<P, Q, B, A> = {
          params: parsePart(spec.params, req.params, 'params'),
          query: parsePart(spec.query, req.query, 'query'),
          body: spec.raw ? (undefined as B) : parsePart(spec.body, req.body, 'body'),
          principal,
          headers: req.headers,
          rawBody: spec.raw
            ? Buffer.isBuffer(req.body)
              ? req.body
              : (req as { rawBody?: Buffer }).rawBody
            : undefined,
          requestId: String(res.locals.requestId ?? ''),
          ip: req.ip,
        };
        const result = await spec.handler(input);
        if (result instanceof Reply) {
          for (const [k, v] of Object.entries(result.headers)) res.setHeader(k, typeof v === 'string' ? v : [...v]);
          // a file (an image) is sent as it is; with an ETag, express answers a matching If-None-Match with 304
          if (Buffer.isBuffer(result.body)) res.status(result.status).send(result.body);
          else res.status(result.status).json(result.body);
        } else if (result === undefined) {
          res.status(spec.status ?? 204).end();
        } else if (spec.contentType && (typeof result === 'string' || result instanceof Uint8Array)) {
          res
            .status(spec.status ?? 200)
            .type(spec.contentType)
            .send(result);
        } else {
          if (spec.contentType) res.type(spec.contentType);
          res.status(spec.status ?? 200).json(result);
        }
      } catch (err) {
        next(err);
      }
    });
    this.router[spec.method](spec.path, ...handlers);
    this.ops.push({ method: spec.method, path: spec.path, operation: this.describe(spec) });
    return this;
  }

  private async caller<A>(
    auth: RouteSpec<unknown, unknown, unknown, A>['auth'],
    headers: Request['headers'],
  ): Promise<A | Principal | undefined> {
    if (auth === 'public') return undefined;
    if (typeof auth === 'function') return auth(headers);
    if (auth === 'optional') return this.bearer(AUDIENCES, headers).catch(() => undefined);
    return this.bearer(auth, headers);
  }

  private async bearer(audiences: readonly Audience[], headers: Request['headers']): Promise<Principal> {
    const m = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(headers.authorization ?? '');
    if (!m) throw new DomainError('auth.unauthenticated', 'a bearer token is required');
    const principal = await verifyToken(m[1]!, this.auth);
    if (audiences !== AUDIENCES) requireAudience(principal, audiences);
    return principal;
  }

  private describe<P, Q, B, A>(spec: RouteSpec<P, Q, B, A>) {
    const parameters: unknown[] = [];
    const addParams = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
      if (!schema) return;
      const js = this.components.of(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (js.required ?? []).includes(name),
          schema: s,
        });
      }
    };
    addParams(spec.params, 'path');
    addParams(spec.query, 'query');
    for (const [name, h] of Object.entries(spec.headers ?? {})) {
      parameters.push({
        name,
        in: 'header',
        required: h.required,
        description: h.description,
        schema: h.schema ? this.components.of(h.schema, 'input') : { type: 'string' },
      });
    }
    // A reply with a body: a schema (JSON, or text described by one), or bytes of the media type (an image).
    const body = spec.response
      ? this.components.of(spec.response, 'output')
      : spec.contentType
        ? { type: 'string', format: 'binary' }
        : undefined;
    const status = String(spec.status ?? (body ? 200 : 204));
    const success = body
      ? { description: 'success', content: { [spec.contentType ?? 'application/json']: { schema: body } } }
      : { description: 'success' };
    const responses: Record<string, unknown> = { [status]: success };
    for (const code of spec.alsoStatus ?? []) responses[String(code)] = success;
    responses['400'] = problemReply('Invalid');
    if (spec.body) {
      responses['413'] = problemReply('TooLarge');
      responses['415'] = problemReply('NotJson');
    }
    if (typeof spec.auth === 'function') responses['401'] = problemReply('Unauthenticated');
    else if (spec.auth !== 'public' && spec.auth !== 'optional') {
      responses['401'] = problemReply('Unauthenticated');
      responses['403'] = problemReply('Forbidden');
    }
    for (const code of spec.errors ?? []) responses[String(code)] = problemReply('Problem');
    return {
      summary: spec.summary,
      operationId: `${spec.method}${spec.path.replace(/[/:{}-]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      tags: spec.tags ?? [],
      // a route's own credentials are documented as its header
      ...(spec.auth === 'optional'
        ? { security: [{}, { bearer: [] }] }
        : typeof spec.auth === 'string' || typeof spec.auth === 'function'
          ? { security: [] }
          : { security: [{ bearer: [] }] }),
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body && !spec.raw
        ? {
            requestBody: {
              // An optional body schema (e.g. a cancel with an optional reason) accepts no body at all.
              required: !spec.body.safeParse(undefined).success,
              content: { 'application/json': { schema: this.components.of(spec.body, 'input') } },
            },
          }
        : {}),
      ...(spec.raw
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                (spec.raw === true ? ['application/json'] : spec.raw.types).map((t) => [
                  t,
                  { schema: spec.raw === true ? {} : { type: 'string', format: 'binary' } },
                ]),
              ),
            },
          }
        : {}),
      responses,
    };
  }

  openapi(): Record<string, unknown> {
    this.components.of(ProblemSchema, 'output');
    const paths: Record<string, Record<string, unknown>> = {};
    for (const op of this.ops) {
      const p = (paths[toOpenApiPath(op.path)] ??= {});
      p[op.method] = op.operation;
    }
    return {
      openapi: '3.1.0',
      info: this.info,
      servers: [{ url: '/' }],
      paths,
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        schemas: this.components.schemas,
        responses: problemResponses,
      },
    };
  }
}
