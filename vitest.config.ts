import { defineConfig } from 'vitest/config';

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

const serverStoppers = [
  'test/chaos/crash.e2e.test.ts',
  'test/faults/db-crash.e2e.test.ts',
  'test/faults/ready.e2e.test.ts',
];

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
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
          ...servers,
          // Three files at a time: an integration file waits on Kafka and the database more than it computes (at two
          // at a time, the tier's own processes used 0.7 of the two cores over its 5 minutes).
          maxWorkers: 3,
        },
      },
      {
        // Two files at a time: each starts its own services with its own databases and topic prefix.
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['test/**/*.e2e.test.ts'],
          exclude: serverStoppers,
          ...servers,
          testTimeout: 300_000,
          maxWorkers: 2,
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
