import { identity } from '../../api/identity';
import type { AccountSession } from '../../api/types';
import { Async } from '../../components/states';
import { deviceOf } from '../../lib/device';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { accountProblem, FormProblem, useAccountForm } from './form-bits';
import { BusyButton } from '../../components/form';
import { t } from '../../i18n';

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
          {s.current ? <span className="badge badge-info inline">{t('sessions.thisDevice')}</span> : null}
        </p>
        <p className="muted small">
          {t('sessions.since', { since, until: formatDateTime(s.expiresAt) })}
        </p>
      </div>
      {s.current ? null : (
        <button type="button" className="button small secondary" disabled={busy} onClick={() => onSignOut(s)}>
          {t('shell.signOut')}
          <span className="visually-hidden">{t('sessions.signOutOf', { device, since })}</span>
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
      <h2 id="sessions-title">{t('sessions.title')}</h2>
      <Async state={state} what={t('sessions.loading')}>
        {({ sessions }) => (
          <>
            <p className="muted" role="status">
              {t('sessions.count', { n: sessions.length })}
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
          {t('sessions.lost')}
        </p>
        <BusyButton
          busy={f.busy}
          className="button danger"
          onClick={everywhere}
        >
          {t('sessions.everywhere')}
        </BusyButton>
      </div>
    </section>
  );
};
