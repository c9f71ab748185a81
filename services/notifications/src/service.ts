import { Topics } from '@ftt/contracts';
import { metrics, runConsumer, runService, startSweeper, withoutTrace } from '@ftt/kit';
import { SmtpMailer, smtpSettings } from '@ftt/kit/mail';
import { configSchema } from './config';
import { openCollections } from './data/collections';
import { DeliveryRepo } from './data/delivery-repo';
import { DigestRepo } from './data/digest-repo';
import { FactsRepo } from './data/facts-repo';
import { NoticeRepo } from './data/notice-repo';
import { ProfileRepo } from './data/profile-repo';
import { notificationsApi } from './http/api';
import { runDeadLetterWatch } from './messaging/dead-letter-consumer';
import { createEventHandler } from './messaging/event-handler';
import { createContext } from './use-cases/context';
import { deadLetterSeen } from './use-cases/dead-letters';
import { sendDue } from './use-cases/send';
import { sweepOnce } from './use-cases/sweep';

/** The topics whose events notifications turns into messages (and whose dead letters operators hear of). */
const CONSUMED = [Topics.orders, Topics.shipments, Topics.listings, Topics.people];

/** Runs `pass` now unless it is running; a request during a run makes one more run after it (never two at once). */
const coalesced = (pass: () => Promise<unknown>, onError: (err: unknown) => void) => {
  let current: Promise<void> | undefined;
  let again = false;
  const run = (): Promise<void> => {
    if (current) {
      again = true;
      return current;
    }
    current = (async () => {
      do {
        again = false;
        await withoutTrace(pass).catch(onError);
      } while (again);
    })().finally(() => {
      current = undefined;
    });
    return current;
  };
  return { run, idle: () => current ?? Promise.resolve() };
};

/**
 * Composition root: repositories -> use-case context -> HTTP routes, the events consumer, the dead-letter
 * watch, the mail sender and the sweeper. notifications publishes no event, so it has no outbox relay.
 */
export const startNotifications = (env: NodeJS.ProcessEnv) =>
  runService(
    'notifications',
    configSchema,
    env,
    async ({ config, auth, log, db, kafka, producer, clock }) => {
      const c = await openCollections(db);
      const mailer = new SmtpMailer(smtpSettings(config));
      const deliveries = new DeliveryRepo(c.deliveries);
      // eslint-disable-next-line prefer-const -- the sender needs the context, the context the sender's kick
      let sender: ReturnType<typeof coalesced>;
      const ctx = createContext({
        notices: new NoticeRepo(c.notices),
        facts: new FactsRepo(c.farms, c.orders),
        profiles: new ProfileRepo(c.profiles),
        deliveries,
        digests: new DigestRepo(c.digestItems),
        mailer,
        clock,
        log,
        kickSender: () => void sender.run(),
        settings: {
          emailDomain: config.EMAIL_DOMAIN,
          appUrl: config.APP_URL,
          operatorIds: config.OPERATOR_IDS,
          digestWindowMs: config.DIGEST_WINDOW_MS,
          stuckOrderAfterMs: config.STUCK_ORDER_AFTER_MS,
          sendRetryBaseMs: config.SEND_RETRY_BASE_MS,
          sendRetryMaxMs: config.SEND_RETRY_MAX_MS,
          trackingWaitMs: config.TRACKING_WAIT_MS,
          giveUpMs: config.RESOLVE_GIVE_UP_MS,
          retryBaseMs: 1000,
          retryMaxMs: 60_000,
        },
      });
      sender = coalesced(
        () => sendDue(ctx),
        (err) => log.warn({ err }, 'send pass failed; next pass retries'),
      );
      metrics.observableGauge(
        'notifications_emails_pending',
        'Emails written and not yet accepted by the SMTP server (read at scrape time)',
        async (observe) => observe(await deliveries.pendingEmails()),
      );

      const api = notificationsApi(auth, ctx);

      const group = config.CONSUMER_GROUP ?? `${config.TOPIC_PREFIX}notifications`;
      return {
        api,
        start: async () => [
          await runConsumer({
            kafka,
            producer,
            groupId: group,
            topicPrefix: config.TOPIC_PREFIX,
            topics: CONSUMED,
            log,
            handle: createEventHandler(ctx),
          }),
          await runDeadLetterWatch({
            kafka,
            groupId: `${group}-dead-letters`,
            topicPrefix: config.TOPIC_PREFIX,
            topics: [...CONSUMED, Topics.stock],
            log,
            report: (dl) => deadLetterSeen(ctx, dl),
          }),
          startSweeper('notifications-sender', config.SEND_INTERVAL_MS, () => sender.run(), log),
          startSweeper('notifications-sweeper', config.SWEEP_INTERVAL_MS, () => sweepOnce(ctx), log),
          {
            name: 'mailer',
            stop: async () => {
              await sender.idle();
              mailer.close();
            },
          },
        ],
      };
    },
  );
