import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Brings the servers up once per run:
 * - endpoints given in the environment (KAFKA_BROKERS, MONGO_URL, STRIPE_API_BASE) are used as they are;
 * - FTT_TESTCONTAINERS=1, where a Docker engine exists, starts them as containers;
 * - otherwise the project's native runner starts (or reuses) Kafka, the database server (SecantusDB), stripe-mock and
 *   mailpit on loopback.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  // The mail server (mailpit) is native in every mode: notifications' tests run instances of its binary.
  const mail = () => {
    execFileSync('bash', [join(root, 'scripts', 'servers-up.sh'), 'mail'], { stdio: 'inherit' });
  };
  if (process.env.KAFKA_BROKERS && process.env.MONGO_URL && process.env.STRIPE_API_BASE) {
    mail();
    return;
  }
  if (process.env.FTT_TESTCONTAINERS === '1') {
    const { startContainers } = await import('./containers');
    const { env, stop } = await startContainers();
    Object.assign(process.env, env);
    for (const [k, v] of Object.entries(env)) project.provide(k as never, v as never);
    mail();
    return stop;
  }
  execFileSync('bash', [join(root, 'scripts', 'servers-up.sh')], { stdio: 'inherit' });
}
