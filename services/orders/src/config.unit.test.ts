import { describe, expect, it } from 'vitest';
import { checkConfig, configSchema, type OrdersConfig } from './config';
import { createFault } from './fault';

const parse = (env: Record<string, string>, nodeEnv = 'test'): OrdersConfig => ({ ...configSchema.parse(env), NODE_ENV: nodeEnv });

describe('configuration', () => {
  it('when nothing is set, then the documented defaults apply and payments are simulated', () => {
    const c = parse({});
    expect(c).toMatchObject({ PAYMENT_TIMEOUT_SECONDS: 900, DELIVERY_FEE_MINOR: 495, PLATFORM_FEE_BPS: 500, FTT_FAULT: [] });
    expect(c.STRIPE_SECRET_KEY).toBeUndefined();
    expect(() => checkConfig(c)).not.toThrow();
  });

  it('when a Stripe key comes without a webhook secret, then start-up is refused naming the variable', () => {
    expect(() => checkConfig(parse({ STRIPE_SECRET_KEY: 'sk_test_1' }))).toThrow(expect.objectContaining({ variables: ['STRIPE_WEBHOOK_SECRET'] }));
  });

  it('when a fault point is unknown, then the configuration is invalid', () => {
    expect(configSchema.safeParse({ FTT_FAULT: 'crash-somewhere' }).success).toBe(false);
  });

  it('when fault injection is configured in production, then start-up is refused', () => {
    expect(() => checkConfig(parse({ FTT_FAULT: 'crash-after-transfer' }, 'production'))).toThrow(expect.objectContaining({ variables: ['FTT_FAULT'] }));
  });

  it('when no fault point is configured, then every point is inert', () => {
    const log = { fatal: () => { throw new Error('must not log'); } } as never;
    expect(() => createFault(new Set(), log)('crash-after-transfer')).not.toThrow();
  });
});
