import { useState } from 'react';
import { demoUsers, type Role } from '../auth/demo-users';
import { useSession } from '../auth/session';
import { Page } from '../components/page';
import { ErrorMessage } from '../components/states';
import { Link, navigate } from '../lib/router';

const HOME: Record<Role, string> = { buyer: '/', farmer: '/farmer', logistics: '/partner', admin: '/admin' };
const GROUPS: { role: Role; title: string; what: string }[] = [
  { role: 'buyer', title: 'Buyers', what: 'browse, order, pay and follow deliveries' },
  { role: 'farmer', title: 'Farmers', what: 'listings, stock, orders to pack and payouts' },
  { role: 'logistics', title: 'Logistics partners', what: 'claim shipments nearby and record each step' },
  { role: 'admin', title: 'Operators', what: 'see everything' },
];

/** Only same-site paths are followed after sign-in. */
const safeNext = (next: string | null): string | null =>
  next && next.startsWith('/') && !next.startsWith('//') ? next : null;

export const SignInScreen = ({ next }: { next: string | null }) => {
  const { session, signIn } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const choose = async (userId: string) => {
    setBusy(userId);
    setError(null);
    try {
      const s = await signIn(userId);
      navigate(safeNext(next) ?? HOME[s.user.role], { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page
      title="Sign in"
      intro="This is a demo: pick one of the demo users. The development server signs their token; no password needed."
    >
      {session ? (
        <p>You are signed in as {session.user.name}. Choosing another user switches the account.</p>
      ) : null}
      <p>
        Have an account with an email address and a password?{' '}
        <Link to="/account">Sign in to your account</Link>. New here?{' '}
        <Link to="/signup">Create an account</Link>.
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="grid two">
        {GROUPS.map((g) => (
          <section key={g.role} className="card" aria-labelledby={`group-${g.role}`}>
            <h2 id={`group-${g.role}`}>{g.title}</h2>
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
                      onClick={() => void choose(u.userId)}
                    >
                      Sign in as {u.name}
                      {u.region ? ` (${u.region})` : ''}
                    </button>
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </div>
    </Page>
  );
};
