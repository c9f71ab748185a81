import { spawnSync } from 'node:child_process';
import { testEnv } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { freePort, root, serviceArgs, type AnyServiceName } from '../support/system';

const t = testEnv('config');

const boot = async (service: AnyServiceName, env: Record<string, string | undefined>) => {
  const port = await freePort();
  const full: Record<string, string | undefined> = { ...t.serviceEnv({ PORT: String(port) }), ...env };
  for (const [k, v] of Object.entries(full)) if (v === undefined) delete full[k];
  const r = spawnSync(process.execPath, serviceArgs(service), {
    cwd: root,
    env: { PATH: process.env.PATH, ...full } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { ...r, port };
};

describe('configuration is checked before a service listens', () => {
  it.each([
    ['catalog', 'MONGO_URL', undefined, {}],
    ['orders', 'KAFKA_BROKERS', 'not a broker list', {}],
    // no key set, no tokens: identity's keys are the only ones the services verify with
    ['logistics', 'AUTH_JWKS_URL', undefined, {}],
    ['catalog', 'AUTH_JWKS_URL', 'not a url', {}],
    ['identity', 'BETTER_AUTH_SECRET', 'too-short', {}],
    ['identity', 'DEMO_PEOPLE', 'on', { NODE_ENV: 'production', BETTER_AUTH_SECRET: 'x'.repeat(40) }],
    ['catalog', 'PORT', 'eighty', {}],
    ['orders', 'PAYMENT_TIMEOUT_SECONDS', '-5', {}],
    ['orders', 'STRIPE_WEBHOOK_SECRET', undefined, { STRIPE_SECRET_KEY: 'sk_test_123' }],
    ['notifications', 'SMTP_PORT', 'smtp', {}],
    ['notifications', 'EMAIL_DOMAIN', 'not a domain', {}],
  ] as [AnyServiceName, string, string | undefined, Record<string, string>][])(
    'when %s gets %s = %s, then it exits non-zero naming the variable and never listens',
    async (service, name, value, extra) => {
      const r = await boot(service, { ...extra, [name]: value });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(name);
      expect(r.stdout).not.toContain('service listening');
    },
  );
});
