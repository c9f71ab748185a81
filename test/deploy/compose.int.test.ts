import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type ComposeFile,
  composeHealthcheckProblems,
  composeImageProblems,
  composePortProblems,
  composeSecretProblems,
} from './checks';

// Static checks of deploy/docker-compose.yml and the image recipe (no Docker engine is needed).

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
// merge: compose files use YAML merge keys (<<: *anchor), which docker compose resolves too.
const compose = parse(read('deploy/docker-compose.yml'), { merge: true }) as ComposeFile;
const SERVICES = ['catalog', 'orders', 'logistics', 'notifications', 'identity'];
/** Those that verify identity's tokens with its published keys. */
const VERIFIERS = ['catalog', 'orders', 'logistics', 'notifications'];

describe('deploy/docker-compose.yml, when parsed', () => {
  it('then it runs MongoDB, Kafka, stripe-mock, mailpit, the collector, Jaeger, Prometheus, identity and the four services', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([
        'mongodb',
        'kafka',
        'stripe-mock',
        'mailpit',
        'otel-collector',
        'jaeger',
        'prometheus',
        ...SERVICES,
        'web',
      ]),
    );
  });

  it('then every long-running service has a healthcheck (one-shot jobs are awaited instead)', () => {
    expect(composeHealthcheckProblems(compose)).toEqual([]);
  });

  it('then every published port binds 127.0.0.1', () => {
    expect(composePortProblems(compose)).toEqual([]);
  });

  it("then no secret-looking variable has a literal value or a default, identity's BETTER_AUTH_SECRET is required, and no other service holds a secret for tokens", () => {
    expect(composeSecretProblems(compose)).toEqual([]);
    const envOf = (s: string) => compose.services[s]!.environment as Record<string, string>;
    expect(envOf('identity').BETTER_AUTH_SECRET).toMatch(/^\$\{BETTER_AUTH_SECRET:\?.+\}$/);
    for (const s of VERIFIERS) {
      const env = envOf(s);
      // tokens are verified with identity's published keys, in the compose network
      expect(env.AUTH_JWKS_URL, s).toBe('http://identity:3006/.well-known/jwks.json');
      expect(
        Object.keys(env).filter((k) => /SECRET/.test(k) && !/^STRIPE_/.test(k)),
        s,
      ).toEqual([]);
    }
    const all = JSON.stringify(compose);
    expect(all).not.toMatch(/AUTH_JWT|JWT_SECRET/);
  });

  it('then the web app is served by web/server (its own image) on 127.0.0.1:8080, proxying to the services by name, and identity trusts its origin', () => {
    const web = compose.services.web as unknown as {
      build: { context: string; dockerfile: string };
      environment: Record<string, string>;
      ports: string[];
      read_only: boolean;
      cap_drop: string[];
    };
    expect(web.build).toEqual({ context: '..', dockerfile: 'deploy/web.Dockerfile' });
    expect(web.ports).toEqual(['127.0.0.1:${WEB_HOST_PORT:-8080}:8080']);
    expect(web.read_only).toBe(true);
    expect(web.cap_drop).toEqual(['ALL']);
    expect(web.environment).toMatchObject({
      IDENTITY_URL: 'http://identity:3006',
      CATALOG_URL: 'http://catalog:3001',
      ORDERS_URL: 'http://orders:3002',
      LOGISTICS_URL: 'http://logistics:3003',
      NOTIFICATIONS_URL: 'http://notifications:3004',
      PUBLIC_URL: '${APP_URL:-http://127.0.0.1:8080}',
    });
    const identityEnv = compose.services.identity!.environment as Record<string, string>;
    expect(identityEnv.APP_URL).toBe(web.environment.PUBLIC_URL);
  });

  it('then every image has an explicit tag that is not latest', () => {
    expect(composeImageProblems(compose)).toEqual([]);
  });

  it('then each service is built from deploy/Dockerfile for itself and starts after MongoDB is healthy and the topics exist', () => {
    for (const s of SERVICES) {
      const svc = compose.services[s] as unknown as {
        build: { context: string; dockerfile: string; args: Record<string, string> };
        depends_on: Record<string, { condition: string }>;
        environment: Record<string, string>;
      };
      expect(svc.build, s).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile', args: { SERVICE: s } });
      expect(svc.depends_on.mongodb?.condition, s).toBe('service_healthy');
      expect(svc.depends_on['kafka-init']?.condition, s).toBe('service_completed_successfully');
      expect(svc.environment.HOST, s).toBe('0.0.0.0');
      expect(svc.environment.MONGO_URL, s).toMatch(new RegExp(`^mongodb://[^/]+/ftt_${s}\\?replicaSet=rs0$`));
      expect(svc.environment.KAFKA_BROKERS, s).not.toMatch(/localhost|127\.0\.0\.1/);
    }
  });

  it('then MongoDB runs as a replica set whose healthcheck initiates it', () => {
    const mongo = compose.services.mongodb as unknown as {
      image: string;
      command: string[];
      healthcheck: { test: string[] };
    };
    expect(mongo.image).toMatch(/^mongo:7\./);
    expect(mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(mongo.healthcheck.test.join(' ')).toContain('rs.initiate');
  });
});

describe('the compose checks themselves', () => {
  it('when a service has no healthcheck, a public port and a literal secret, then each is reported', () => {
    const bad: ComposeFile = {
      services: {
        api: {
          image: 'x/api:latest',
          ports: ['3000:3000', { host_ip: '0.0.0.0', published: 3001, target: 3001 }, '127.0.0.1:3002:3002'],
          environment: {
            BETTER_AUTH_SECRET: 'a-secret-written-in-the-file-xxxxxxxxx',
            STRIPE_SECRET_KEY: '${STRIPE_SECRET_KEY:-sk_test_default}',
            API_TOKEN: '${API_TOKEN:?set it}',
            PORT: '3000',
          },
        },
        job: { image: 'x/job:1', labels: { 'ftt.one-shot': 'true' } },
      },
    };
    expect(composeHealthcheckProblems(bad)).toEqual([
      'api: no healthcheck',
      'job: one-shot job must have restart: "no"',
      'job: one-shot job that nothing awaits with service_completed_successfully',
    ]);
    expect(composePortProblems(bad)).toEqual([
      'api: port "3000:3000" does not bind 127.0.0.1',
      'api: port {"host_ip":"0.0.0.0","published":3001,"target":3001} does not bind 127.0.0.1',
    ]);
    expect(composeSecretProblems(bad)).toEqual([
      'api: BETTER_AUTH_SECRET has a literal value (redacted)',
      'api: STRIPE_SECRET_KEY has a literal value (redacted)',
    ]);
    expect(composeImageProblems(bad)).toEqual(['api: x/api:latest uses :latest']);
  });
});

describe('deploy/Dockerfile and .dockerignore', () => {
  const dockerfile = read('deploy/Dockerfile');
  const ignore = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim());

  it('when read, then the image is node 20 slim, installs from the frozen lockfile, runs the compiled service with production dependencies only as non-root, stops on SIGTERM and has a HEALTHCHECK', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile/);
    expect(dockerfile).toMatch(/&& pnpm build$/m);
    expect(dockerfile).toMatch(/pnpm install --prod --frozen-lockfile/);
    expect(dockerfile).toMatch(/^COPY --from=prod /m);
    expect(dockerfile).toMatch(/SERVICE_MAIN=services\/\$\{SERVICE\}\/dist\/main\.mjs/);
    expect(dockerfile).toMatch(/exec node --enable-source-maps \\"\$SERVICE_MAIN\\"/);
    const instructions = dockerfile.split('\n').filter((l) => !l.startsWith('#'));
    expect(
      instructions.filter((l) => l.includes('tsx')),
      'tsx is not needed at run time',
    ).toEqual([]);
    expect(dockerfile).toMatch(/^ARG SERVICE$/m);
    expect(dockerfile).toMatch(/^STOPSIGNAL SIGTERM$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
    const users = [...dockerfile.matchAll(/^USER (\S+)$/gm)].map((m) => m[1]);
    expect(users.at(-1)).toMatch(/^[1-9]\d*(:\d+)?$/); // numeric and not 0, so runAsNonRoot can verify it
  });

  it('when read, then the build context leaves out node_modules, .local, .git, test-results and local builds', () => {
    expect(ignore).toEqual(
      expect.arrayContaining(['**/node_modules', '.local', '.git', 'test-results', 'services/*/dist']),
    );
  });
});
