import { Topics } from '@ftt/contracts';
import { ConfigError, runService, type AuthSettings } from '@ftt/kit';
import { DEMO_PASSWORD, demoUsers } from '@ftt/kit/demo-users';
import { SmtpMailer, smtpSettings } from '@ftt/kit/mail';
import { seedDemoPeople } from './accounts/demo-people';
import { createAccounts } from './accounts/better-auth';
import { configSchema } from './config';
import { openCollections } from './data/collections';
import { accountReads, usedLinks } from './data/account-reads';
import { ApplicationRepo } from './data/application-repo';
import { InviteRepo } from './data/invite-repo';
import { personalData } from './data/personal-data';
import { PersonRepo } from './data/person-repo';
import { effectiveMemberships } from './domain/person';
import { newestSigningKeys } from './data/signing-keys';
import { identityApi } from './http/api';
import { createEventHandler } from './messaging/event-handler';
import { ownKeySet } from './http/session-bearer';
import { createContext } from './use-cases/context';
import { erasePerson, membershipsOf, registerPerson } from './use-cases/people';

/**
 * Composition root: people (aggregate + outbox relay) -> accounts (better-auth on the same database) -> HTTP.
 * identity publishes people, memberships and the decisions on applications, and reads the decisions back (grants).
 */
export const startIdentity = (env: NodeJS.ProcessEnv) =>
  runService(
    'identity',
    configSchema,
    env,
    async ({ config, auth, log, db, clock, outboxRelay, audit, consume }) => {
      const c = await openCollections(db);
      const relay = outboxRelay([c.people, c.applications]);
      await audit.watch(c.applications);
      const mailer = new SmtpMailer(smtpSettings(config));
      const reads = accountReads(c);
      const applications = new ApplicationRepo(c.applications);
      const ctx = createContext({
        people: new PersonRepo(c.people),
        applications,
        invites: new InviteRepo(c.invites),
        audit,
        settleApplicationAudit: (id) => applications.settleAudit(audit, id),
        send: (mail) => mailer.send(mail),
        accountEmail: reads.account,
        placeName: async (id) => (await applications.nameOf(id)) ?? id,
        appUrl: config.APP_URL,
        inviteTtlMs: config.INVITE_TTL_SECONDS * 1000,
        clock,
        log,
      });
      if (!db.db) throw new Error('database connection is not open');
      const yourData = personalData(db.db, c.people);
      const accounts = createAccounts(
        {
          secret: config.BETTER_AUTH_SECRET,
          baseUrl: config.IDENTITY_URL,
          appUrl: config.APP_URL,
          transactions: config.AUTH_DB_TRANSACTIONS === 'on',
          issuer: config.AUTH_ISSUER,
          audience: config.AUTH_AUDIENCE,
          accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
          signingAlg: config.SIGNING_ALG,
          rotationSeconds: config.SIGNING_KEY_ROTATION_SECONDS,
          signIn: { max: config.SIGN_IN_MAX, windowSeconds: config.SIGN_IN_WINDOW_SECONDS },
          signUp: { max: config.SIGN_UP_MAX, windowSeconds: config.SIGN_UP_WINDOW_SECONDS },
          verificationTtlSeconds: config.VERIFICATION_TTL_SECONDS,
          reset: {
            max: config.RESET_MAX,
            windowSeconds: config.RESET_WINDOW_SECONDS,
            ttlSeconds: config.RESET_TTL_SECONDS,
          },
        },
        {
          db: db.db,
          client: db.getClient(),
          log,
          send: (mail) => mailer.send(mail),
          registered: async (personId, language, contact) => {
            await registerPerson(ctx, { personId, language, ...contact });
          },
          erasing: async (personId) => {
            await erasePerson(ctx, personId);
          },
          erased: (personId) => yourData.forget(personId),
          membershipsOf: async (personId, language, account) =>
            effectiveMemberships(await membershipsOf(ctx, personId, language), account),
          signingKeys: newestSigningKeys(c.signingKeys),
        },
      );
      if (config.DEMO_PEOPLE === 'on') {
        if (config.NODE_ENV === 'production') {
          throw new ConfigError(
            ['DEMO_PEOPLE'],
            'invalid configuration: DEMO_PEOPLE: demo accounts are refused in production',
          );
        }
        await seedDemoPeople(accounts, ctx, log, demoUsers, DEMO_PASSWORD);
      }
      const links = usedLinks(c.usedLinks);
      // identity verifies tokens with its own keys, from its database (the others with its JWKS)
      const ownAuth: AuthSettings = {
        issuer: auth.issuer,
        audience: auth.audience,
        keys: ownKeySet(newestSigningKeys(c.signingKeys)),
      };
      const api = identityApi(ownAuth, ctx, {
        accounts,
        baseUrl: config.IDENTITY_URL,
        accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
        firstUse: links.firstUse,
        personalData: yourData,
        secondFactor: reads.secondFactor,
        ownTokens: {
          issuer: config.AUTH_ISSUER,
          audience: config.AUTH_AUDIENCE,
          keys: newestSigningKeys(c.signingKeys),
          sessionActive: (sid) => reads.sessionActive(sid, clock()),
        },
      });
      return {
        api,
        produces: [Topics.people],
        relay,
        start: async () => [
          // its own decisions, read back: an approval's membership is granted even after a crash (messaging/)
          await consume([Topics.people], createEventHandler(ctx)),
          { name: 'mailer', stop: async () => mailer.close() },
        ],
      };
    },
    { tokenKeys: 'own' },
  );
