import { randomBytes } from 'node:crypto';

/**
 * Endpoints for tests: from the environment when given (another CI, testcontainers), else the
 * native servers the global setup started. Every call gets its own database and topic prefix,
 * so tests in parallel workers never see each other's data.
 */
export const testEnv = (label: string) => {
  const run = `${label.replace(/[^a-z0-9]/gi, '').slice(0, 12)}_${randomBytes(4).toString('hex')}`;
  const mongo = new URL(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017');
  mongo.pathname = `/t_${run}`;
  const env = {
    run,
    kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    mongoUrl: mongo.toString(),
    topicPrefix: `t.${run}.`,
    stripeApiBase: process.env.STRIPE_API_BASE ?? 'http://127.0.0.1:12111',
    jwtSecret: 'test-secret-for-this-run-only-0123456789abcdef',
  };
  return {
    ...env,
    auth: { secret: env.jwtSecret, issuer: 'fieldtotable', audience: 'fieldtotable-api' },
    /** The environment a service under test is started with. */
    serviceEnv: (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      MONGO_URL: env.mongoUrl,
      KAFKA_BROKERS: env.kafkaBrokers,
      TOPIC_PREFIX: env.topicPrefix,
      AUTH_JWT_SECRET: env.jwtSecret,
      ...extra,
    }),
  };
};
