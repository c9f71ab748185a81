import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';
import { Topics } from '@ftt/contracts';
import { DEMO_PASSWORD, demoUsers } from '@ftt/kit/demo-users';
import { eventually, startServiceUnderTest, testEnv, type ServiceUnderTest } from '@ftt/kit/testing';
import { startIdentity } from '../src/service';

/** The shared development mail server (scripts/servers-up.sh mail): identity's mails are read back through its API. */
export const MAILPIT_API = process.env.MAILPIT_API ?? 'http://127.0.0.1:8025/api/v1';
const SMTP_PORT = process.env.MAILPIT_SMTP_PORT ?? '1025';

export const SIGN_IN_MAX = 4;

/** The web app's origin as identity trusts it by default (APP_URL http://127.0.0.1:5173). */
export const WEB_APP_ORIGIN = 'http://127.0.0.1:5173';

/** identity in-process on port 0 against the real servers, with a short key rotation so a test can see one. */
export const startHarness = async (
  label: string,
  extra: Record<string, string> = {},
): Promise<ServiceUnderTest> => {
  const t = testEnv(label);
  const env = t.serviceEnv({
    BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT,
    SIGN_IN_MAX: String(SIGN_IN_MAX),
    SIGN_UP_MAX: '3',
    SIGNING_KEY_ROTATION_SECONDS: '3',
    ...extra,
  });
  return startServiceUnderTest(t, [Topics.people], () => startIdentity(env));
};

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- asserted field by field
  body: any;
}

/**
 * A browser of one person: its own cookies and its own loopback address (127.0.0.x), so the per-client rate
 * limits of one test do not spend another's.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();
  private static next = 2;
  readonly address = `127.0.0.${Browser.next++}`;

  constructor(private readonly baseUrl: string) {}

  call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const url = new URL(path, this.baseUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          localAddress: this.address,
          headers: {
            // a browser on the web app (APP_URL's default): the origin identity trusts (better-auth's CSRF check)
            origin: WEB_APP_ORIGIN,
            ...(payload ? { 'content-type': 'application/json' } : {}),
            ...(this.cookies.size
              ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
              : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            for (const line of res.headers['set-cookie'] ?? []) {
              const [pair] = line.split(';');
              const eq = pair!.indexOf('=');
              const name = pair!.slice(0, eq);
              const value = pair!.slice(eq + 1);
              if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
              else this.cookies.set(name, value);
            }
            const text = Buffer.concat(chunks).toString('utf8');
            const json = /json/.test(String(res.headers['content-type'])) && text;
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: json ? JSON.parse(text) : text,
            });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.includes('session_token'));
  }
}

/** A fresh address at the test mail domain. */
export const newEmail = (label: string) =>
  `${label}-${randomBytes(5).toString('hex')}@people.fieldtotable.test`;

interface MailSummary {
  ID: string;
  Subject: string;
}

export const mailsTo = async (email: string): Promise<MailSummary[]> => {
  const r = await fetch(`${MAILPIT_API}/search?query=${encodeURIComponent(`to:"${email}"`)}`);
  if (!r.ok) throw new Error(`mailpit search answered ${r.status}`);
  return ((await r.json()) as { messages: MailSummary[] }).messages;
};

/** Waits for a mail to `email` whose subject matches (the first one when none is given) and returns the token in its link. */
export const mailedToken = async (
  email: string,
  subject?: RegExp,
): Promise<{ token: string; subject: string; text: string }> => {
  const [mail] = await eventually(
    async () => {
      const found = (await mailsTo(email)).filter((m) => !subject || subject.test(m.Subject));
      return found.length ? found : undefined;
    },
    15_000,
    100,
  );
  const r = await fetch(`${MAILPIT_API}/message/${mail!.ID}`);
  const text = ((await r.json()) as { Text: string }).Text;
  const token = /[?&]token=([^&\s]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no token in the mail "${mail!.Subject}"`);
  return { token, subject: mail!.Subject, text };
};

/** Waits for the verification mail to `email` and returns the token in its link. */
export const verificationToken = (email: string) => mailedToken(email);

/** The current code of an authenticator app enrolled with `totpURI` (better-auth's own TOTP implementation). */
export const totpCode = (totpURI: string): Promise<string> => {
  const secret = new URL(totpURI).searchParams.get('secret');
  if (!secret) throw new Error('no secret in the TOTP URI');
  return createOTP(base32.decode(secret)).totp();
};

/** Signs a new person up, confirms the email through the mail's link and signs in. */
export const signedUpPerson = async (baseUrl: string, label: string, language = 'en') => {
  const browser = new Browser(baseUrl);
  const email = newEmail(label);
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const up = await browser.call('POST', '/api/auth/sign-up/email', {
    name: label,
    email,
    password,
    language,
  });
  if (up.status !== 202) throw new Error(`sign-up answered ${up.status}`);
  const { token } = await verificationToken(email);
  const v = await browser.call('GET', `/api/auth/verify-email?token=${token}`);
  if (v.status !== 200) throw new Error(`verification answered ${v.status}`);
  const signIn = await browser.call('POST', '/api/auth/sign-in/email', { email, password });
  if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}`);
  return { browser, email, password, personId: signIn.body.personId as string };
};

/** The demo operator (identity started with DEMO_PEOPLE=on): signed in with the demo password and a TOTP code. */
export const demoOperator = async (baseUrl: string) => {
  const ada = demoUsers.find((u) => u.totpKey)!;
  const browser = new Browser(baseUrl);
  const r = await browser.call('POST', '/api/auth/sign-in/email', {
    email: ada.email,
    password: DEMO_PASSWORD,
  });
  if (r.status !== 200 || !r.body.secondFactorRequired)
    throw new Error(`operator sign-in answered ${r.status}`);
  const code = await createOTP(new TextEncoder().encode(ada.totpKey)).totp();
  const v = await browser.call('POST', '/api/auth/two-factor/verify-totp', { code });
  if (v.status !== 200) throw new Error(`operator code answered ${v.status} ${JSON.stringify(v.body)}`);
  const t = await browser.call('GET', '/api/auth/token');
  if (t.status !== 200) throw new Error(`operator token answered ${t.status}`);
  return { browser, personId: ada.userId, bearer: `Bearer ${t.body.token as string}` };
};
