import { useState } from 'react';
import { DEMO_PASSWORD, demoTotpCode, demoUsers, type DemoUser, type Role } from '../auth/demo-users';
import { useSession, type Session } from '../auth/session';
import { Page } from '../components/page';
import { ErrorMessage } from '../components/states';
import { navigate } from '../lib/router';
import { PasswordSignIn } from './account/password-sign-in';
import { t, tx, type MessageId } from '../i18n';

const HOME: Record<Role, string> = { buyer: '/', farmer: '/farmer', logistics: '/partner', admin: '/admin' };
const GROUPS: { role: Role; title: MessageId; what: MessageId }[] = [
  { role: 'buyer', title: 'signIn.buyers', what: 'signIn.buyersWhat' },
  { role: 'farmer', title: 'signIn.farmers', what: 'signIn.farmersWhat' },
  { role: 'logistics', title: 'signIn.partners', what: 'signIn.partnersWhat' },
  { role: 'admin', title: 'signIn.operators', what: 'signIn.operatorsWhat' },
];

/** Only same-site paths are followed after sign-in. */
const safeNext = (next: string | null): string | null =>
  next && next.startsWith('/') && !next.startsWith('//') ? next : null;

/**
 * /signin: email and password at identity (then the authenticator app's code when the account has one: every
 * operator), the same form as the account pages'. In development and the browser suites' build the demo people are
 * one click away: their email, the demo password and, for the operator, the code of the demo key.
 */
export const SignInScreen = ({ next }: { next: string | null }) => {
  const { session, signIn, verifyCode, adopt } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const done = (s: Session | null) => {
    if (s) navigate(safeNext(next) ?? HOME[s.user.role], { replace: true });
  };

  const demo = async (u: DemoUser) => {
    setBusy(u.userId);
    setError(null);
    try {
      const r = await signIn(u.email, DEMO_PASSWORD);
      if (r.status === 'signed-in') return done(r.session);
      if (!u.totpKey) throw new Error(`${u.name} has a second factor the demo does not know`);
      done(await verifyCode(await demoTotpCode(u.totpKey)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page title={t('shell.signIn')}>
      {session ? (
        <p>{t('signIn.already', { name: session.user.name })}</p>
      ) : null}
      <div className="stack narrow">
        <PasswordSignIn onSignedIn={() => void adopt().then(done, setError)} />
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {__DEMO_SIGN_IN__ ? (
        <section aria-labelledby="demo-people" className="stack">
          <h2 id="demo-people">{t('signIn.demoPeople')}</h2>
          <p className="muted">
            {tx('signIn.demoIntro', { password: <code key="p">{DEMO_PASSWORD}</code> })}
          </p>
          <div className="grid two">
            {GROUPS.map((g) => (
              <section key={g.role} className="card" aria-labelledby={`group-${g.role}`}>
                <h3 id={`group-${g.role}`}>{t(g.title)}</h3>
                <p className="muted">{t(g.what)}</p>
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
                          onClick={() => void demo(u)}
                        >
                          {t('signIn.as', {
                            name: u.name,
                            region: u.region ?? 'none',
                            packer: u.memberships.some((m) => m.kind === 'farm' && m.role === 'packer'),
                          })}
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
