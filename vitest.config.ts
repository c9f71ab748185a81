import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The end-to-end files that take longest, longest first (seconds from a file's start to its end in a whole e2e tier,
 * session 13, on a machine with other work on it: the order is what counts). A clean clone has no duration cache, so
 * vitest would order the files by size, and a long file started last runs alone at the end. These start first; every
 * other file keeps vitest's own order after them. (Schemathesis runs in its own project, e2e-compute.)
 */
const LONGEST_FIRST = [
  'test/hostile/schemathesis.e2e.test.ts', // 390 s (`pnpm test:e2e` runs it with the tier)
  'test/faults/config.e2e.test.ts', // 215 s
  'test/hostile/auth-matrix.e2e.test.ts', // 205 s
  'test/web/first-user-findings.e2e.test.ts', // 166 s
  'test/data/query-plans.e2e.test.ts', // 158 s
  'test/chaos/scale-out.e2e.test.ts', // 135 s
  'test/web/onboarding.e2e.test.ts', // 128 s
  'test/races/race-matrix.e2e.test.ts', // 118 s
  'test/web/field-to-table.e2e.test.ts', // 114 s
  'test/web/first-week.e2e.test.ts', // 105 s
  'test/web/buyer-farm-tools.e2e.test.ts', // 91 s
  'test/web/partner-tools.e2e.test.ts', // 80 s
  'test/web/back-office.e2e.test.ts', // 79 s
  'test/web/operator-insight.e2e.test.ts', // 78 s
  'test/web/account.e2e.test.ts', // 74 s
  'test/web/web-server.e2e.test.ts', // 73 s
  'test/chaos/redelivery.e2e.test.ts', // 72 s
];

const rank = (spec: TestSpecification) => {
  const i = LONGEST_FIRST.findIndex((f) => spec.moduleId.endsWith(f));
  return i < 0 ? LONGEST_FIRST.length : i;
};

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // stable: files of equal rank keep vitest's order
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}


// Three tiers by file suffix (docs/style.md): unit tests need nothing; integration and end-to-end tests
// run against real Kafka, the database server and stripe-mock, which the global setup starts once per run.
const servers = {
  globalSetup: ['test/support/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: 'forks' as const,
  maxWorkers: 2,
  // A screen or a service that answers later under load (two test files at a time) is still right: polls wait up to
  // 10 s (vitest's default is 1 s), and stop as soon as the condition holds.
  expect: { poll: { timeout: 10_000 } },
};

/**
 * Integration files run several to a process, one after another (`isolate: false`): a file's imports (the kit,
 * mongoose, kafkajs, OpenTelemetry, express) are loaded once per worker instead of once per file, which was half of the
 * tier's CPU. These files set process-wide state that the first caller owns, so each gets a process of its own.
 */
const integrationAlone = [
  // the first initTelemetry of a process wins, and this file's keeps spans in memory to read them
  'packages/kit/test/telemetry.int.test.ts',
];

/**
 * End-to-end files that mostly compute rather than wait: scripts/test.sh starts them beside the unit and integration
 * tests (which mostly wait on Kafka and the database), not in the end-to-end tier.
 */
const computeBound = ['test/hostile/schemathesis.e2e.test.ts'];

const serverStoppers = [
  'test/chaos/crash.e2e.test.ts',
  'test/faults/db-crash.e2e.test.ts',
  'test/faults/ready.e2e.test.ts',
];

export default defineConfig({
  test: {
    reporters: ['default'],
    // the longest end-to-end files start first (LongestFirst above)
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          // Pure code: files share a worker's imports (isolate: false). Isolated, one file at a time (vitest's default on
          // two cores), the 66 files took 197 s, nearly all of it loading modules again; like this, 43 s.
          isolate: false,
          maxWorkers: 2,
          include: [
            'packages/*/test/**/*.unit.test.ts',
            'packages/*/src/**/*.unit.test.ts',
            'services/*/src/**/*.unit.test.ts',
            'web/src/**/*.unit.test.ts',
            'scripts/**/*.unit.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: [
            'packages/*/test/**/*.int.test.ts',
            'services/*/test/**/*.int.test.ts',
            'test/infra/**/*.int.test.ts',
            'test/deploy/**/*.int.test.ts',
          ],
          exclude: integrationAlone,
          ...servers,
          // Three files at a time: an integration file waits on Kafka and the database more than it computes (at two
          // at a time, the tier's own processes used 0.7 of a core, out of two, over its 5 minutes).
          maxWorkers: 3,
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration-alone',
          sequence: { groupOrder: 1 },
          include: integrationAlone,
          ...servers,
          // the same as integration's: vitest runs projects of one group together only when they agree
          maxWorkers: 3,
        },
      },
      {
        // Three files at a time: each starts its own services with its own databases and topic prefix. The files mostly
        // wait (processes starting, events, polls): on a clean clone the cores were 50 % busy over the tier at two files
        // at a time (1,147 s in all) and at three (1,016 s). Four took as long (1,016 s, still 50 % busy): what the
        // tier waits for is shared (the one Kafka and database server), not the cores.
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['test/**/*.e2e.test.ts'],
          exclude: [...serverStoppers, ...computeBound],
          ...servers,
          testTimeout: 300_000,
          maxWorkers: 3,
          // as in integration: a worker loads the harness, Playwright and the kit once, not once per file
          isolate: false,
        },
      },
      {
        // The same as e2e (one group: `pnpm test:e2e` runs both), for the files that mostly compute (computeBound).
        test: {
          name: 'e2e-compute',
          sequence: { groupOrder: 2 },
          include: computeBound,
          ...servers,
          testTimeout: 300_000,
          maxWorkers: 3,
          isolate: false,
        },
      },
      {
        // The files that stop, kill or restart the servers: one at a time, and (scripts/test.sh) on a Kafka and a
        // database of their own, so they run beside the rest.
        test: {
          name: 'e2e-servers',
          sequence: { groupOrder: 3 },
          include: serverStoppers,
          ...servers,
          testTimeout: 300_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
