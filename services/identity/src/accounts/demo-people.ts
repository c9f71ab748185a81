import type { Logger } from '@ftt/kit';
import type { DemoUser } from '@ftt/kit/demo-users';
import { symmetricEncrypt } from 'better-auth/crypto';
import { decide, submit } from '../domain/application-decide';
import type { Membership } from '../domain/person';
import type { Context } from '../use-cases/context';
import { grantMembership, registerPerson } from '../use-cases/people';
import type { Accounts } from './better-auth';

/**
 * The demo people as real accounts (DEMO_PEOPLE=on, development and the browser suites only; refused in production):
 * each with its fixed person id, a verified email, the demo password (better-auth's own hash), its memberships granted
 * through the people aggregate (so they are announced like any other), and for the operator a TOTP second factor with
 * the demo key. Idempotent: a person who exists keeps their account; missing memberships are granted.
 */
export const seedDemoPeople = async (
  accounts: Accounts,
  ctx: Context,
  log: Logger,
  people: readonly DemoUser[],
  password: string,
): Promise<void> => {
  const auth = await accounts.$context;
  // One hash for every demo person (they share the demo password): a scrypt hash is ~0.15 s of CPU, and identity
  // starts with the demo people in every browser suite. Made only when someone is missing.
  let hash: Promise<string> | undefined;
  for (const u of people) {
    const found = await auth.internalAdapter.findUserByEmail(u.email, { includeAccounts: true });
    if (!found) {
      // The id is the demo person's (the tests and the demo data name them); better-auth keeps a given id.
      await auth.internalAdapter.createUser(
        {
          id: u.userId,
          email: u.email,
          name: u.name,
          emailVerified: true,
          language: 'en',
        },
        { method: 'email-password' },
      );
      await auth.internalAdapter.linkAccount({
        userId: u.userId,
        providerId: 'credential',
        accountId: u.userId,
        password: await (hash ??= auth.password.hash(password)),
      });
    } else if (found.user.id !== u.userId) {
      log.warn(
        { personId: found.user.id, demo: u.userId },
        'a demo email belongs to another person: not seeded',
      );
      continue;
    }
    await registerPerson(ctx, { personId: u.userId, language: 'en' });
    for (const m of u.memberships as Membership[]) {
      if (m.kind === 'buyer') continue;
      await grantMembership(ctx, u.userId, { membership: m, by: 'demo-seed' });
    }
    if (u.totpKey) await enrolTotp(auth, u.userId, u.totpKey);
    for (const m of u.memberships as Membership[]) if (m.kind === 'farm' && m.role === 'owner') await approvedDemoFarm(ctx, u, m.farmId);
  }
  log.info({ people: people.length }, 'demo people seeded (DEMO_PEOPLE=on)');
};

/**
 * A demo farm as an operator's approval made it (an application decided by the seed): announced like any approval,
 * so catalog lets the demo farms publish. Idempotent by the application's fixed id.
 */
const approvedDemoFarm = async (ctx: Context, u: DemoUser, farmId: string) => {
  const applicationId = `demo-${farmId}`;
  const details = {
    kind: 'farm' as const,
    farm: {
      name: u.farmName ?? `${u.name}'s farm`,
      region: u.region ?? 'Gelderland',
      description: 'A demo farm',
      certifications: [],
    },
  };
  await ctx.handleApplication(
    applicationId,
    (current, now) => submit(current, { applicationId, personId: u.userId, placeId: farmId, details }, now),
  );
  await ctx.handleApplication(applicationId, (current, now) =>
    decide(current, { decision: 'approved', by: 'demo-seed', reason: 'a demo farm (DEMO_PEOPLE=on)' }, now),
  );
};

type AuthContext = Awaited<Accounts['$context']>;

/** What the two-factor plugin stores at a verified enrolment: the key encrypted with the secret, and the flag. */
const enrolTotp = async (auth: AuthContext, userId: string, key: string) => {
  const existing = await auth.adapter.findOne<{ id: string }>({
    model: 'twoFactor',
    where: [{ field: 'userId', value: userId }],
  });
  if (!existing) {
    await auth.adapter.create({
      model: 'twoFactor',
      data: {
        userId,
        secret: await symmetricEncrypt({ key: auth.secretConfig, data: key }),
        backupCodes: await symmetricEncrypt({ key: auth.secretConfig, data: '[]' }),
        verified: true,
      },
    });
  }
  await auth.internalAdapter.updateUser(userId, { twoFactorEnabled: true });
};
