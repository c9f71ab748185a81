import { useState, type FormEvent } from 'react';
import { identity } from '../../api/identity';
import { limitOf } from '../../api/limits';
import { Field, limitProps } from '../../components/field';
import { Page } from '../../components/page';
import { Link } from '../../lib/router';
import { accountProblem, FormProblem, useAccountForm } from './form-bits';
import { t, tx } from '../../i18n';

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
      <Page title={t('mail.check')}>
        <div className="card stack narrow">
          <p className="lead">
            {tx('forgot.sent', { email: <strong className="breakable">{sentTo}</strong> })}
          </p>
          <p className="muted">
            {tx('forgot.noMail', {
              again: (c) => (
                <button type="button" className="button link inline-link" onClick={() => setSentTo(null)}>
                  {c}
                </button>
              ),
            })}
          </p>
        </div>
      </Page>
    );
  }
  return (
    <Page title={t('signIn.forgot')} intro={t('forgot.intro')}>
      <form ref={f.form} className="card form stack narrow" onSubmit={submit} noValidate>
        <Field
          label={t('field.email')}
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={f.fields.email}
          {...limitProps({ maxLength: EMAIL.maxLength })}
        />
        {f.error ? <FormProblem>{accountProblem(f.error, {}, Object.keys(f.fields))}</FormProblem> : null}
        <button type="submit" className="button" disabled={f.busy} aria-busy={f.busy}>
          {t('forgot.send')}
        </button>
        <p className="muted small">
          {tx('forgot.remembered', { link: (c) => <Link to="/account">{c}</Link> })}
        </p>
      </form>
    </Page>
  );
};
