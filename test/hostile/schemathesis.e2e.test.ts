import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testEnv } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  people,
  seedWorld,
  startHostileSystem,
  type People,
  type System,
  type World,
} from '../support/hostile-world';
import { root, type ServiceName } from '../support/system';

/**
 * Schemathesis (property-based, from the OpenAPI) against each service as each role that matters
 * there: public, the roles that own its mutating routes, a role that owns none of them, and admin.
 * Zero 5xx, zero responses outside the documented status codes, content types and schemas.
 */
const t = testEnv('schemathesis');
let sys: System;
let who: People;
let world: World;
const counts: { service: string; role: string; operations: number; cases: number; exit: number }[] = [];

// Public, the roles that own the service's mutating routes, roles that own none of them (all 403s,
// so quick) and admin where that is quick too. Catalog leaves admin out: it would repeat the farmer's
// slow farm and listing writes (see PATCH /farms below) on both farms.
const ROLES: Record<ServiceName, (keyof People | 'public')[]> = {
  catalog: ['public', 'anna', 'ben'],
  orders: ['public', 'ben', 'anna', 'ada'],
  logistics: ['public', 'pia', 'ben', 'anna', 'ada'],
};
const ROLE_NAME: Record<keyof People | 'public', string> = {
  public: 'public',
  anna: 'farmer',
  joost: 'farmer2',
  lena: 'farmer3',
  ben: 'buyer',
  carla: 'buyer2',
  pia: 'logistics',
  omar: 'logistics2',
  ada: 'admin',
  piet: 'packer',
  dirk: 'driver',
};
const MAX_EXAMPLES = process.env.FTT_SCHEMATHESIS_MAX_EXAMPLES ?? '25';
// Per run; a run is bounded twice: by its examples and by this wall clock.
const RUN_TIMEOUT_S = Number(process.env.FTT_SCHEMATHESIS_TIMEOUT ?? 420);

/** Real ids, offered to the generator half of the time for every parameter of that name. */
const configFor = (w: World): string => {
  const dict = (name: string, values: string[]) =>
    `${name} = { values = [${values.map((v) => JSON.stringify(v)).join(', ')}] }`;
  const bind = (param: string, dictionary: string) =>
    `"${param}" = { dictionary = "${dictionary}", probability = 0.5 }`;
  return [
    '[dictionaries]',
    dict('farmIds', [w.annaFarmId, w.joostFarmId]),
    dict('listingIds', [w.annaListingId, w.annaDraftId, w.joostListingId]),
    dict('orderIds', [w.paidOrderId, w.unpaidOrderId]),
    dict('shipmentIds', [w.piaShipmentId, w.openShipmentId]),
    dict('lotCodes', [w.annaLot, w.joostLot]),
    dict('trackingCodes', [w.trackingCode]),
    dict('regions', ['Gelderland', 'Utrecht']),
    '',
    '[parameters]',
    bind('path.farmId', 'farmIds'),
    bind('path.listingId', 'listingIds'),
    bind('path.orderId', 'orderIds'),
    bind('path.shipmentId', 'shipmentIds'),
    bind('path.lotCode', 'lotCodes'),
    bind('path.trackingCode', 'trackingCodes'),
    bind('query.region', 'regions'),
    bind('body.lines[*].listingId', 'listingIds'),
    '',
    // PATCH /farms/{id} rewrites the farm and then every listing of the farm inside the request, and every accepted POST .../listings
    // makes the next PATCH slower. Its coverage phase is kept to the invalid inputs (fast 400s) and the
    // fuzzer to 5 valid ones, so that a run stays within its budget (the latency is reported as a finding).
    '[[operations]]',
    'include-name = "PATCH /farms/{farmId}"',
    'generation.max-examples = 5',
    'phases.coverage.generation.mode = "negative"',
    '',
    '[[operations]]',
    'include-name = "POST /farms/{farmId}/listings"',
    'generation.max-examples = 5',
    '',
  ].join('\n');
};

const runSchemathesis = (
  service: ServiceName,
  url: string,
  role: string,
  bearer: string | undefined,
  config: string,
) =>
  new Promise<{ exit: number; report: string }>((resolve) => {
    execFile(
      'bash',
      [join(root, 'scripts', 'schemathesis.sh'), service, url, role],
      {
        cwd: root,
        env: {
          ...process.env,
          SCHEMATHESIS_TOKEN: bearer ?? '',
          SCHEMATHESIS_CONFIG: config,
          SCHEMATHESIS_MAX_EXAMPLES: MAX_EXAMPLES,
          SCHEMATHESIS_SEED: process.env.FTT_SCHEMATHESIS_SEED ?? '20240611',
          SCHEMATHESIS_TIMEOUT: String(RUN_TIMEOUT_S),
        },
        maxBuffer: 16 * 1024 * 1024,
        timeout: (RUN_TIMEOUT_S + 120) * 1000,
      },
      (err) => {
        const exit = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        const report = readFileSync(
          join(root, 'test-results', `schemathesis-${service}-${role}.txt`),
          'utf8',
        );
        resolve({ exit, report });
      },
    );
  });

const failuresOf = (report: string) => {
  const start = report.search(/^=+ (FAILURES|ERRORS) =+$/m);
  return start < 0 ? report.slice(-3000) : report.slice(start, start + 8000);
};

beforeAll(async () => {
  // Install (or reuse) the venv once, before runs start in parallel.
  await new Promise<void>((resolve, reject) =>
    execFile(
      'bash',
      [join(root, 'scripts', 'schemathesis.sh'), '--install'],
      { cwd: root, timeout: 600_000 },
      (err) => (err ? reject(err) : resolve()),
    ),
  );
  sys = await startHostileSystem(t);
  who = await people(t);
  world = await seedWorld(t, sys, who);
}, 900_000);

afterAll(async () => {
  await sys?.stop();
  if (counts.length) {
    console.log('schemathesis cases per service and role:');
    console.table(counts);
  }
});

describe.concurrent('schemathesis against every service, as every role that matters there', () => {
  for (const service of ['catalog', 'orders', 'logistics'] as const) {
    it(`when ${service} is fuzzed from its own OpenAPI as ${ROLES[service].map((r) => ROLE_NAME[r]).join(', ')}, then no reply is a 5xx or breaks the documented schema`, async () => {
      const url = sys[service].url;
      const spec = (await (await fetch(`${url}/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const operations = Object.values(spec.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
      const dir = join(root, 'test-results', 'schemathesis-config');
      mkdirSync(dir, { recursive: true });
      const config = join(dir, `${t.run}-${service}.toml`);
      writeFileSync(config, configFor(world));

      for (const person of ROLES[service]) {
        const role = ROLE_NAME[person];
        const bearer = person === 'public' ? undefined : who[person].bearer;
        const { exit, report } = await runSchemathesis(service, url, role, bearer, config);
        const cases = Number(/^CASES: (\d+)$/m.exec(report)?.[1] ?? 0);
        counts.push({ service, role, operations, cases, exit });
        console.log(
          `schemathesis ${service} as ${role}: ${cases} cases over ${operations} operations, exit ${exit}`,
        );
        expect(exit, `${service} as ${role}:\n${failuresOf(report)}`).toBe(0);
        // At least a handful of cases per operation: it cannot pass by testing nothing.
        expect(cases, `${service} as ${role}: too few cases`).toBeGreaterThanOrEqual(operations * 5);
        expect(report).toMatch(/Tested:\s+(\d+)/);
        expect(Number(/Tested:\s+(\d+)/.exec(report)![1])).toBe(operations);
      }
      // The services survived it all.
      expect((await fetch(`${url}/health`)).status).toBe(200);
    }, 3_600_000);
  }
});
