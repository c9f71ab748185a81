import { useState } from 'react';
import { DEMO_PASSWORD, demoTotpCode, demoUsers, type DemoUser, type Role } from '../auth/demo-users';
import { useSession, type Session } from '../auth/session';
import { Field } from '../components/field';
import { Page } from '../components/page';
import { navigate } from '../lib/router';

const HOME: Record<Role, string> = { buyer: '/', farmer: '/farmer', logistics: '/partner', admin: '/admin' };
const GROUPS: { role: Role; title: string; what: string }[] = [
  { role: 'buyer', title: 'Buyers', what: 'browse, order, pay and follow deliveries' },
  { role: 'farmer', title: 'Farmers', what: 'listings, stock, orders to pack and payouts (a packer: the packing)' },
  { role: 'logistics', title: 'Logistics partners', what: 'claim shipments nearby and record each step' },
  { role: 'admin', title: 'Operators', what: 'see everything (with a second factor)' },
];

/** Only same-site paths are followed after sign-in. */
const safeNext = (next: string | null): string | null =>
  next && next.startsWith('/') && !next.startsWith('//') ? next : null;

/**
 * Sign in through identity: email and password, then, for a person with a second factor (every operator), the code
 * of their authenticator app. In development the demo people are one click away (their password is the demo's).
 */
export const SignInScreen = ({ next }: { next: string | null }) => {
  const { session, signIn, verifyCode } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const done = (s: Session) => navigate(safeNext(next) ?? HOME[s.user.role], { replace: true });

  const attempt = async (who: string, work: () => Promise<void>) => {
    setBusy(who);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  const withPassword = (e: string, p: string, demo?: DemoUser) =>
    attempt(demo?.userId ?? 'form', async () => {
      const r = await signIn(e, p);
      if (r.status === 'signed-in') return done(r.session);
      if (demo?.totpKey) return done(await verifyCode(await demoTotpCode(demo.totpKey)));
      setStep('code');
    });

  const demo = (u: DemoUser) => {
    setEmail(u.email);
    setPassword(DEMO_PASSWORD);
    void withPassword(u.email, DEMO_PASSWORD, u);
  };

  return (
    <Page title="Sign in">
      {session ? (
        <p>You are signed in as {session.user.name}. Signing in again switches the account.</p>
      ) : null}
      {error ? (
        <div className="state state-error" role="alert">
          <p>
            <strong>That did not work.</strong> {error}
          </p>
        </div>
      ) : null}
      {step === 'password' ? (
        <form
          className="card stack narrow"
          aria-label="Sign in with email and password"
          onSubmit={(e) => {
            e.preventDefault();
            void withPassword(email.trim(), password);
          }}
        >
          <Field
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <Field
            label="Password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button type="submit" className="button" disabled={busy !== null} aria-busy={busy === 'form'}>
            Sign in
          </button>
        </form>
      ) : (
        <form
          className="card stack narrow"
          aria-label="Second factor"
          onSubmit={(e) => {
            e.preventDefault();
            void attempt('code', async () => done(await verifyCode(code.trim())));
          }}
        >
          <p>Your account has a second factor: enter the six-digit code your authenticator app shows now.</p>
          <Field
            label="Code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <button type="submit" className="button" disabled={busy !== null} aria-busy={busy === 'code'}>
            Verify
          </button>
          <button type="button" className="button link" onClick={() => setStep('password')}>
            Back
          </button>
        </form>
      )}
      {__DEMO_SIGN_IN__ ? (
        <section aria-labelledby="demo-people" className="stack">
          <h2 id="demo-people">Demo people</h2>
          <p className="muted">
            This is a demo: these people are real accounts, all with the demo password <code>{DEMO_PASSWORD}</code>.
            One click fills it in and signs in (the operator&rsquo;s second-factor code too).
          </p>
          <div className="grid two">
            {GROUPS.map((g) => (
              <section key={g.role} className="card" aria-labelledby={`group-${g.role}`}>
                <h3 id={`group-${g.role}`}>{g.title}</h3>
                <p className="muted">{g.what}</p>
                <ul className="plain stack">
                  {demoUsers
                    .filter((u) => u.role === g.role)
                    .map((u) => (
                      <li key={u.userId}>
                        <button
                          type="button"
                          className="button block"
                          disabled={busy !== null}
                          aria-busy={busy === u.userId}
                          onClick={() => demo(u)}
                        >
                          Sign in as {u.name}
                          {u.region ? ` (${u.region})` : ''}
                          {u.memberships.some((m) => m.kind === 'farm' && m.role === 'packer') ? ' (packer)' : ''}
                        </button>
                      </li>
                    ))}
                </ul>
              </section>
            ))}
          </div>
        </section>
      ) : null}
    </Page>
  );
};
