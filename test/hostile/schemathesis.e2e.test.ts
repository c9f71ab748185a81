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

type Person = keyof People | 'public';
/**
 * Per service: public, the roles that own its routes, roles that own none of them (or only a few reads), and admin
 * where that is quick too. Catalog leaves admin out: it would repeat the farmer's slow farm and listing writes (see
 * PATCH /farms below) on both farms.
 *
 * Phases: the coverage phase (boundary and negative values of every parameter and body field) runs for public and
 * for the roles whose requests pass the audience check, where the values reach validation and the use cases. A role
 * that the service refuses almost everywhere (403 before any input is read) gets the fuzzing and stateful phases
 * only: its coverage phase spent 90 s per CI run on 403s, which the authorization matrix checks case by case.
 * Unexpected HTTP methods (the coverage phase's PUT, DELETE... on every path) are sent as public only: routing by
 * method comes before any token is read, so the other roles would only repeat them.
 */
const FULL = 'coverage,fuzzing,stateful';
const WITHOUT_COVERAGE = 'fuzzing,stateful';
const ROLES: Record<ServiceName, { person: Person; phases: string }[]> = {
  catalog: [
    { person: 'public', phases: FULL },
    { person: 'anna', phases: FULL },
    { person: 'ben', phases: WITHOUT_COVERAGE },
  ],
  orders: [
    { person: 'public', phases: FULL },
    { person: 'ben', phases: FULL },
    { person: 'anna', phases: FULL },
    { person: 'ada', phases: FULL },
  ],
  logistics: [
    { person: 'public', phases: FULL },
    { person: 'pia', phases: FULL },
    { person: 'ben', phases: WITHOUT_COVERAGE },
    { person: 'anna', phases: WITHOUT_COVERAGE },
    { person: 'ada', phases: FULL },
  ],
};
/**
 * Runs at once (each a Python process, mostly busy generating): more would only slow the other end-to-end files.
 * scripts/test.sh runs this file beside the unit and integration tests with two (FTT_SCHEMATHESIS_LANES).
 */
const LANES = Math.max(1, Number(process.env.FTT_SCHEMATHESIS_LANES ?? 3));
const ROLE_NAME: Record<Person, string> = {
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
  phases: string,
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
          SCHEMATHESIS_PHASES: phases,
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

/** At most LANES runs at once, started in the order asked (the longest first). */
let free = LANES;
const waiting: (() => void)[] = [];
const inLane = async <T>(run: () => Promise<T>): Promise<T> => {
  if (free > 0) free -= 1;
  else await new Promise<void>((r) => waiting.push(r));
  try {
    return await run();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  }
};

/** One config per service and kind of caller: the ids, and no unexpected methods for a caller with a token. */
const configFile = (service: ServiceName, person: Person) => {
  const dir = join(root, 'test-results', 'schemathesis-config');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${t.run}-${service}-${person === 'public' ? 'public' : 'token'}.toml`);
  const methods = person === 'public' ? '' : '\n[phases.coverage]\nunexpected-methods = []\n';
  writeFileSync(file, configFor(world) + methods);
  return file;
};

// Every run of every service, the coverage runs first (they take longest), then the others.
const RUNS = (['catalog', 'orders', 'logistics'] as const)
  .flatMap((service) => ROLES[service].map((r) => ({ service, ...r })))
  .sort((a, b) => Number(b.phases === FULL) - Number(a.phases === FULL));

describe.concurrent('schemathesis against every service, as every role that matters there', () => {
  for (const { service, person, phases } of RUNS) {
    const role = ROLE_NAME[person];
    it(`when ${service} is fuzzed from its own OpenAPI as ${role} (${phases.replaceAll(',', ', ')}), then no reply is a 5xx or breaks the documented schema`, async () => {
      const url = sys[service].url;
      const spec = (await (await fetch(`${url}/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const operations = Object.values(spec.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
      const bearer = person === 'public' ? undefined : who[person].bearer;
      const { exit, report } = await inLane(() =>
        runSchemathesis(service, url, role, bearer, configFile(service, person), phases),
      );
      const cases = Number(/^CASES: (\d+)$/m.exec(report)?.[1] ?? 0);
      counts.push({ service, role, operations, cases, exit });
      console.log(`schemathesis ${service} as ${role}: ${cases} cases over ${operations} operations, exit ${exit}`);
      expect(exit, `${service} as ${role}:\n${failuresOf(report)}`).toBe(0);
      // Cases for every operation, about half the examples asked at least (an operation without inputs has one):
      // it cannot pass by testing nothing.
      const floor = Math.ceil((operations * Math.min(Number(MAX_EXAMPLES), 10)) / 2);
      expect(cases, `${service} as ${role}: too few cases`).toBeGreaterThanOrEqual(floor);
      expect(report).toMatch(/Tested:\s+(\d+)/);
      expect(Number(/Tested:\s+(\d+)/.exec(report)![1])).toBe(operations);
      // Each asked phase ran (its timing line), and coverage only where asked.
      for (const phase of ['coverage', 'fuzzing', 'stateful']) {
        const ran = new RegExp(`${phase[0]!.toUpperCase()}${phase.slice(1)} \\(in [0-9.]+s\\)`).test(report);
        expect(ran, `${service} as ${role}: ${phase}`).toBe(phases.split(',').includes(phase));
      }
      // The service survived it.
      expect((await fetch(`${url}/health`)).status).toBe(200);
    }, 3_600_000);
  }
});
