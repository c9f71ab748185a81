import { useState, type FormEvent } from 'react';
import { identity } from '../../api/identity';
import { limitOf } from '../../api/limits';
import type { AccountLanguage } from '../../api/types';
import { Field, limitProps, SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Link } from '../../lib/router';
import { accountProblem, FormProblem, PasswordField, passwordRule, useAccountForm } from './form-bits';
import { ResendLink } from './resend-link';
import { locale, LOCALE_NAMES, t, tx } from '../../i18n';

const NAME = limitOf('SignUp', 'name');
const EMAIL = limitOf('SignUp', 'email');

/** The person's languages (the pages, and the mails where they are written in it), each named in itself. */
export const LANGUAGES: { value: AccountLanguage; label: string; lang: string }[] = [
  { value: 'en', label: LOCALE_NAMES.en, lang: 'en' },
  { value: 'nl', label: LOCALE_NAMES.nl, lang: 'nl' },
  { value: 'zh', label: LOCALE_NAMES['zh-CN'], lang: 'zh-CN' },
];
/** The language the pages are in now (the browser's, or the one chosen here) is the new account's. */
const browserLanguage = (): AccountLanguage => {
  const l = locale();
  return l === 'nl' ? 'nl' : l === 'zh-CN' ? 'zh' : 'en';
};

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
      <Page title={t('mail.check')}>
        <div className="card stack narrow">
          <p className="lead">
            {tx('signUp.sent', { email: <strong className="breakable">{sentTo}</strong> })}
          </p>
          <p className="muted">
            {tx('signUp.known', {
              signin: (c) => <Link to="/account">{c}</Link>,
              forgot: (c) => <Link to="/forgot">{c}</Link>,
            })}
          </p>
          <ResendLink email={sentTo} />
        </div>
      </Page>
    );
  }

  return (
    <Page
      title={t('signUp.title')}
      intro={t('signUp.intro')}
    >
      <form ref={f.form} className="card form stack narrow" onSubmit={submit} noValidate>
        <Field
          label={t('field.yourName')}
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={f.fields.name}
          {...limitProps({ maxLength: NAME.maxLength })}
        />
        <Field
          label={t('field.email')}
          type="email"
          autoComplete="email"
          hint={t('signUp.emailHint')}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={f.fields.email}
          {...limitProps({ maxLength: EMAIL.maxLength })}
        />
        <PasswordField
          label={t('field.password')}
          autoComplete="new-password"
          hint={passwordRule()}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={f.fields.password}
        />
        <SelectField
          label={t('field.language')}
          value={language}
          onChange={(e) => setLanguage(e.target.value as AccountLanguage)}
          error={f.fields.language}
        >
          {LANGUAGES.map((l) => (
            <option key={l.value} value={l.value} lang={l.lang}>
              {l.label}
            </option>
          ))}
        </SelectField>
        {f.error ? <FormProblem>{accountProblem(f.error, {}, Object.keys(f.fields))}</FormProblem> : null}
        <button type="submit" className="button" disabled={f.busy} aria-busy={f.busy}>
          {t('signUp.create')}
        </button>
        <p className="muted small">
          {tx('signUp.haveAccount', { link: (c) => <Link to="/account">{c}</Link> })}
        </p>
      </form>
    </Page>
  );
};
