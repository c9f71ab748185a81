import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { identity } from '../../api/identity';
import { Page } from '../../components/page';
import { forgetIdentity } from '../../lib/identity-session';
import { Link } from '../../lib/router';
import { accountProblem, FormProblem, PasswordField, passwordRule, useAccountForm } from './form-bits';
import { t } from '../../i18n';

const LinkRefused = () => (
  <Page title={t('link.refused')}>
    <div className="card stack narrow">
      <p className="lead">{t('reset.expired')}</p>
      <p>
        <Link className="button" to="/forgot">
          {t('reset.askNew')}
        </Link>
      </p>
    </div>
  </Page>
);

/** A refusal that is about the link, not the password typed: identity names no field of the form. */
const aboutTheLink = (e: unknown): boolean =>
  e instanceof ApiError && e.status === 400 && !e.issues.some((i) => i.field === 'body.newPassword');

/**
 * /reset?token=…: the link in a password reset mail. A new password (the link works once, until it expires); every
 * session of the account ends, this browser's too, so the person signs in again with it.
 */
export const ResetScreen = ({ token }: { token: string | null }) => {
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const f = useAccountForm();
  if (!token || aboutTheLink(f.error)) return <LinkRefused />;
  if (done) {
    return (
      <Page title={t('reset.changed')}>
        <div className="card stack narrow">
          <p className="lead">{t('reset.changedText')}</p>
          <p>
            <Link className="button" to="/account">
              {t('shell.signIn')}
            </Link>
          </p>
        </div>
      </Page>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void f.run(async () => {
      await identity.resetPassword(token, password);
      forgetIdentity();
      setDone(true);
    });
  };
  return (
    <Page title={t('reset.title')}>
      <form ref={f.form} className="card form stack narrow" onSubmit={submit} noValidate>
        <PasswordField
          label={t('field.newPassword')}
          autoComplete="new-password"
          hint={passwordRule()}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={f.fields.newPassword}
        />
        {f.error ? <FormProblem>{accountProblem(f.error, {}, Object.keys(f.fields))}</FormProblem> : null}
        <button type="submit" className="button" disabled={f.busy} aria-busy={f.busy}>
          {t('reset.save')}
        </button>
      </form>
    </Page>
  );
};
