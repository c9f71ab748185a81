/**
 * Publishes the Chinese demo market and its delivery regions (demo-market-cn.ts) THROUGH orders' back-office API, as
 * the demo operator signed in through identity (password and second factor of the demo), so the market is audited and
 * announced like any operator's. Usage (scripts/dev.sh runs it before the catalog seed):
 *   ORDERS_URL=http://127.0.0.1:3002 IDENTITY_URL=http://127.0.0.1:3006 node --import tsx services/orders/scripts/seed-markets.ts
 * What is published already is kept.
 */
import { DEMO_PASSWORD, demoUsers } from '@ftt/kit/demo-users';
import { signInThroughIdentity } from '@ftt/kit/identity-client';
import { z } from 'zod';
import { publishChineseMarket } from './demo-market-cn';

const env = z
  .object({
    ORDERS_URL: z.url().default('http://127.0.0.1:3002'),
    IDENTITY_URL: z.url().default('http://127.0.0.1:3006'),
  })
  .parse(process.env);

const operator = demoUsers.find((u) => u.memberships.some((m) => m.kind === 'operator'));
if (!operator) throw new Error('no demo operator');
const { token } = await signInThroughIdentity(env.IDENTITY_URL, operator.email, DEMO_PASSWORD, { totpKey: operator.totpKey });
const done = await publishChineseMarket(env.ORDERS_URL, token);
console.log(done.length ? `published ${done.join(', ')}` : 'the Chinese demo market is published already');
