import { useState, type FormEvent } from 'react';
import { identity } from '../../api/identity';
import { limitOf } from '../../api/limits';
import type { AccountLanguage } from '../../api/types';
import { Field, limitProps, SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Link } from '../../lib/router';
import { accountProblem, FormProblem, PasswordField, passwordRule, useAccountForm } from './form-bits';
import { ResendLink } from './resend-link';

const NAME = limitOf('SignUp', 'name');
const EMAIL = limitOf('SignUp', 'email');

/** The languages identity writes mail in, each named in itself. */
export const LANGUAGES: { value: AccountLanguage; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'nl', label: 'Nederlands' },
];
const browserLanguage = (): AccountLanguage =>
  typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('nl') ? 'nl' : 'en';

/**
 * /signup: a new account (name, email, password, language), then "check your mail". A known address gets the same
 * answer as a new one (identity tells nobody which addresses have accounts), so the page says what both mean.
 */
export const SignUpScreen = () => {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [language, setLanguage] = useState<AccountLanguage>(browserLanguage);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const f = useAccountForm();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const address = email.trim();
    void f.run(async () => {
      await identity.signUp({ name, email: address, password, language });
      setSentTo(address);
    });
  };

  if (sentTo) {
    return (
      <Page title="Check your mail">
        <div className="card stack narrow">
          <p className="lead">
            We sent a link to <strong className="breakable">{sentTo}</strong>. Open it to confirm that the
            address is yours; then you can sign in.
          </p>
          <p className="muted">
            Already have an account with this address? Then no new mail comes:{' '}
            <Link to="/account">sign in</Link>, or <Link to="/forgot">choose a new password</Link> if you
            forgot it.
          </p>
          <ResendLink email={sentTo} />
        </div>
      </Page>
    );
  }

  return (
    <Page
      title="Create your account"
      intro="Buy straight from farms near you, and follow every box from field to table."
    >
      <form ref={f.form} className="card form stack narrow" onSubmit={submit} noValidate>
        <Field
          label="Your name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={f.fields.name}
          {...limitProps({ maxLength: NAME.maxLength })}
        />
        <Field
          label="Email address"
          type="email"
          autoComplete="email"
          hint="We send a link here to confirm it is yours."
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={f.fields.email}
          {...limitProps({ maxLength: EMAIL.maxLength })}
        />
        <PasswordField
          label="Password"
          autoComplete="new-password"
          hint={passwordRule}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={f.fields.password}
        />
        <SelectField
          label="Language of our mails"
          value={language}
          onChange={(e) => setLanguage(e.target.value as AccountLanguage)}
          error={f.fields.language}
        >
          {LANGUAGES.map((l) => (
            <option key={l.value} value={l.value} lang={l.value}>
              {l.label}
            </option>
          ))}
        </SelectField>
        {f.error ? <FormProblem>{accountProblem(f.error, {}, Object.keys(f.fields))}</FormProblem> : null}
        <button type="submit" className="button" disabled={f.busy} aria-busy={f.busy}>
          Create account
        </button>
        <p className="muted small">
          Already have an account? <Link to="/account">Sign in</Link>
        </p>
      </form>
    </Page>
  );
};
