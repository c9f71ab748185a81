import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { identity } from '../../api/identity';
import { Page } from '../../components/page';
import { forgetIdentity } from '../../lib/identity-session';
import { Link } from '../../lib/router';
import { accountProblem, FormProblem, PasswordField, passwordRule, useAccountForm } from './form-bits';

const LinkRefused = () => (
  <Page title="This link cannot be used">
    <div className="card stack narrow">
      <p className="lead">
        The link was used already or has expired: each reset link works once, and only for a while.
      </p>
      <p>
        <Link className="button" to="/forgot">
          Ask for a new link
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
      <Page title="Your password is changed">
        <div className="card stack narrow">
          <p className="lead">You are signed out everywhere: sign in again with your new password.</p>
          <p>
            <Link className="button" to="/account">
              Sign in
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
    <Page title="Choose a new password">
      <form ref={f.form} className="card form stack narrow" onSubmit={submit} noValidate>
        <PasswordField
          label="New password"
          autoComplete="new-password"
          hint={passwordRule}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={f.fields.newPassword}
        />
        {f.error ? <FormProblem>{accountProblem(f.error, {}, Object.keys(f.fields))}</FormProblem> : null}
        <button type="submit" className="button" disabled={f.busy} aria-busy={f.busy}>
          Save new password
        </button>
      </form>
    </Page>
  );
};
