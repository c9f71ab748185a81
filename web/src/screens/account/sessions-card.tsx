import { identity } from '../../api/identity';
import type { AccountSession } from '../../api/types';
import { Async } from '../../components/states';
import { deviceOf } from '../../lib/device';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { accountProblem, FormProblem, useAccountForm } from './form-bits';

const Session = ({
  s,
  onSignOut,
  busy,
}: {
  s: AccountSession;
  onSignOut: (s: AccountSession) => void;
  busy: boolean;
}) => {
  const device = deviceOf(s.userAgent);
  const since = formatDateTime(s.createdAt);
  return (
    <li className="session">
      <div>
        <p className="session-device">
          <strong>{device}</strong>
          {s.current ? <span className="badge badge-info inline">This device</span> : null}
        </p>
        <p className="muted small">
          Signed in {since} · until {formatDateTime(s.expiresAt)} at the latest
        </p>
      </div>
      {s.current ? null : (
        <button type="button" className="button small secondary" disabled={busy} onClick={() => onSignOut(s)}>
          Sign out
          <span className="visually-hidden">
            : {device}, signed in {since}
          </span>
        </button>
      )}
    </li>
  );
};

/**
 * Where this person is signed in: each session with its device and time, signing out one (another device), and
 * signing out everywhere (this browser too). `version` changes when a session was replaced elsewhere on the page.
 */
export const SessionsCard = ({
  version,
  onSignedOutEverywhere,
}: {
  version: number;
  onSignedOutEverywhere: () => void;
}) => {
  const state = useAsync(`sessions:${version}`, () => identity.sessions());
  const f = useAccountForm();
  const signOut = (s: AccountSession) =>
    void f.run(async () => {
      await identity.revokeSession(s.id);
      state.reload();
    });
  const everywhere = () =>
    void f.run(async () => {
      await identity.revokeSessions();
      onSignedOutEverywhere();
    });
  return (
    <section className="card stack wide" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      <Async state={state} what="Loading your sessions">
        {({ sessions }) => (
          <>
            <p className="muted" role="status">
              {sessions.length === 1 ? 'Signed in on 1 device.' : `Signed in on ${sessions.length} devices.`}
            </p>
            <ul className="plain sessions">
              {sessions.map((s) => (
                <Session key={s.id} s={s} onSignOut={signOut} busy={f.busy} />
              ))}
            </ul>
          </>
        )}
      </Async>
      {f.error ? <FormProblem>{accountProblem(f.error)}</FormProblem> : null}
      <div className="spread">
        <p className="muted small">
          Lost a phone, or signed in on a shared computer? Sign out everywhere, this device too.
        </p>
        <button
          type="button"
          className="button danger"
          disabled={f.busy}
          aria-busy={f.busy}
          onClick={everywhere}
        >
          Sign out everywhere
        </button>
      </div>
    </section>
  );
};
