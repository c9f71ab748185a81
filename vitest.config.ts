import { defineConfig } from 'vitest/config';

// Three tiers by file suffix (docs/style.md): unit tests need nothing; integration and end-to-end tests
// run against real Kafka, the database server and stripe-mock, which the global setup starts once per run.
const servers = {
  globalSetup: ['test/support/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: 'forks' as const,
  maxWorkers: 2,
};

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
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['test/**/*.e2e.test.ts'],
          ...servers,
          testTimeout: 300_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
