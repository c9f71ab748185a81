import { useState, type FormEvent } from 'react';
import { identity } from '../../api/identity';
import { limitOf } from '../../api/limits';
import { Field, limitProps } from '../../components/field';
import { Page } from '../../components/page';
import { Link } from '../../lib/router';
import { accountProblem, FormProblem, useAccountForm } from './form-bits';

const EMAIL = limitOf('PasswordResetRequest', 'email');

/**
 * /forgot: a reset link by mail. identity gives the same answer for a known and an unknown address, and so does this
 * page: it says what happens if the address has an account.
 */
export const ForgotScreen = () => {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const f = useAccountForm();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const address = email.trim();
    void f.run(async () => {
      await identity.requestReset(address);
      setSentTo(address);
    });
  };
  if (sentTo) {
    return (
      <Page title="Check your mail">
        <div className="card stack narrow">
          <p className="lead">
            If an account uses <strong className="breakable">{sentTo}</strong>, we sent it a link to choose a
            new password. The link works once, and only for a while.
          </p>
          <p className="muted">
            No mail after a few minutes? Look in your spam folder, or{' '}
            <button type="button" className="button link inline-link" onClick={() => setSentTo(null)}>
              ask again
            </button>
            .
          </p>
        </div>
      </Page>
    );
  }
  return (
    <Page title="Forgot your password?" intro="We mail you a link to choose a new one.">
      <form ref={f.form} className="card form stack narrow" onSubmit={submit} noValidate>
        <Field
          label="Email address"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={f.fields.email}
          {...limitProps({ maxLength: EMAIL.maxLength })}
        />
        {f.error ? <FormProblem>{accountProblem(f.error, {}, Object.keys(f.fields))}</FormProblem> : null}
        <button type="submit" className="button" disabled={f.busy} aria-busy={f.busy}>
          Send me a link
        </button>
        <p className="muted small">
          Remembered it? <Link to="/account">Sign in</Link>
        </p>
      </form>
    </Page>
  );
};
